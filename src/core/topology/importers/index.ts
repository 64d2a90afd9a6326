import { importGml } from './gml.importer';
import type { ImportFormat, ImportResult } from './import-result';
import { importNodeLink } from './nodelink.importer';
import { importRepetita, importRepetitaDemands } from './repetita.importer';

export { importGml, importNodeLink, importRepetita, importRepetitaDemands };
export { IMPORT_FORMATS } from './import-result';
export type { ImportFormat, ImportResult };
export { parseJsonText } from './json-text';

/** Parses a source file's text in the given format (pure: the caller reads the file). */
export function importTopology(format: ImportFormat, text: string, name: string): ImportResult {
  switch (format) {
    case 'gml':
      return importGml(text, name);
    case 'repetita':
      return importRepetita(text, name);
    case 'nodelink':
      return importNodeLink(text, name, 'nodelink');
    case 'teal':
      return importNodeLink(text, name, 'teal');
  }
}
