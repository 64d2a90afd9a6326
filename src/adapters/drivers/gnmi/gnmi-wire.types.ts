/** gNMI messages as the driver sees them after decoding: 64-bit integers are bigint, never JS numbers. */

export interface GnmiElem {
  readonly name: string;
  readonly key?: Readonly<Record<string, string>>;
}

export interface GnmiPath {
  readonly origin: string;
  readonly target: string;
  readonly elems: readonly GnmiElem[];
}

export type GnmiValue =
  | { readonly t: 'uint' | 'int'; readonly v: bigint }
  | { readonly t: 'double'; readonly v: number }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'bool'; readonly v: boolean }
  /** json_val or json_ietf_val, as text. */
  | { readonly t: 'json'; readonly v: string }
  | { readonly t: 'bytes'; readonly v: Uint8Array }
  /** decimal_val, leaflist_val, any_val: not used by Autonet, kept so callers can count them. */
  | { readonly t: 'unsupported'; readonly field: number };

export interface GnmiUpdate {
  readonly path: GnmiPath;
  readonly value: GnmiValue;
}

export interface GnmiNotification {
  readonly timestampNs: bigint;
  readonly prefix: GnmiPath;
  readonly updates: readonly GnmiUpdate[];
  readonly deletes: readonly GnmiPath[];
}

export type GnmiSubscribeResponse =
  | { readonly kind: 'update'; readonly notification: GnmiNotification }
  | { readonly kind: 'sync' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'empty' };
