/** gNMI paths as plain data, and the matching rules of the specification (2.2.2, 2.2.2.1 wildcards). */

export interface Elem {
  readonly name: string;
  readonly key?: Readonly<Record<string, string>>;
}

/** A decoded gnmi.Path as proto-loader gives it. */
export interface WirePath {
  readonly origin?: string;
  readonly elem?: readonly { readonly name: string; readonly key?: Record<string, string> }[];
  readonly target?: string;
  readonly element?: readonly string[];
}

export function elemsOf(path: WirePath | null | undefined): Elem[] {
  if (!path) return [];
  if (path.elem && path.elem.length > 0) {
    return path.elem.map((e) =>
      e.key && Object.keys(e.key).length > 0 ? { name: e.name, key: e.key } : { name: e.name },
    );
  }
  return (path.element ?? []).map((name) => ({ name }));
}

/** Prefix elems followed by the path's own elems (2.4.1). */
export function joinPaths(prefix: WirePath | null | undefined, path: WirePath | null | undefined): Elem[] {
  return [...elemsOf(prefix), ...elemsOf(path)];
}

/** Does a requested element (possibly with `*` name or key values) select a concrete element? */
export function elemMatches(
  req: Elem | undefined,
  name: string,
  key?: Readonly<Record<string, string>>,
): boolean {
  if (req === undefined) return true;
  if (req.name !== '*' && req.name !== name && stripModule(req.name) !== stripModule(name)) return false;
  if (!req.key) return true;
  for (const [k, v] of Object.entries(req.key)) {
    if (v === '*') continue;
    if (key?.[k] !== v) return false;
  }
  return true;
}

function stripModule(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** `/interfaces/interface[name=eth1]/state` (path string convention of gnmic). */
export function pathToString(elems: readonly Elem[]): string {
  let out = '';
  for (const e of elems) {
    out += '/' + e.name;
    if (e.key) for (const [k, v] of Object.entries(e.key)) out += `[${k}=${v}]`;
  }
  return out === '' ? '/' : out;
}

/** Does the requested path select the concrete path (the request is the concrete path or an ancestor)? */
export function pathSelects(req: readonly Elem[], concrete: readonly Elem[]): boolean {
  if (req.length > concrete.length) return false;
  for (let i = 0; i < req.length; i++) {
    const c = concrete[i]!;
    if (!elemMatches(req[i], c.name, c.key)) return false;
  }
  return true;
}

/** Proto-loader object form of a path (what gnmi.Path serialises from). */
export function wirePath(elems: readonly Elem[], target?: string): WirePath {
  const elem = elems.map((e) => (e.key ? { name: e.name, key: { ...e.key } } : { name: e.name }));
  return target === undefined ? { elem } : { elem, target };
}
