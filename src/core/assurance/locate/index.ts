/** Public surface of fault localisation (ADR 0103, 0104). */
export { locate, DEFAULT_LOCATE_OPTIONS } from './localiser';
export type { LocateInput, LocateOptions, LocalisationDetail } from './localiser';
