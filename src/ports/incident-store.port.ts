import type { IncidentView } from './event-bus.port';

/**
 * Durable incidents (issue 9): the assurance loop's incident book writes every change through, and reads
 * the book back at start, so incidents, their evidence and actions survive a controller restart.
 */
export interface IncidentStore {
  /** Every stored incident, oldest first. */
  load(): IncidentView[];
  /** Inserts or replaces one incident (its full view). */
  save(incident: IncidentView): void;
  remove(id: string): void;
  close(): void;
}

export const INCIDENT_STORE = Symbol('IncidentStore');
