import type { TopologyInput } from '../topology-input';

export interface ImportResult {
  readonly topology: TopologyInput;
  /** Things a person should know: dropped self-loops, nodes without coordinates, assumed units. */
  readonly warnings: readonly string[];
}

export type ImportFormat = 'gml' | 'repetita' | 'nodelink' | 'teal';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['gml', 'repetita', 'nodelink', 'teal'];
