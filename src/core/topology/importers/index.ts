export { importGml } from './gml.importer';
export { importNodeLink } from './nodelink.importer';
export { importRepetita, importRepetitaDemands } from './repetita.importer';
export type { ImportFormat, ImportResult } from './import-result';
export { IMPORT_FORMATS } from './import-result';
export { parseJsonText } from './json-text';

export {
  TOPOLOGY_FORMATS,
  detectFormat,
  importTopology,
  parseDemandsText,
  parseTopologyText,
} from './topology-text';
export type { ParsedTopology, TopologyFormat } from './topology-text';
