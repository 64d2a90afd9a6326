import type { Role } from '../../ports/token-store.port';

/** Who is calling: the actor recorded in the audit trail. */
export interface Principal {
  readonly name: string;
  readonly role: Role;
  /** token: an Autonet API token; oidc: a verified JWT; none: `--auth none` on loopback. */
  readonly kind: 'token' | 'oidc' | 'none';
}
