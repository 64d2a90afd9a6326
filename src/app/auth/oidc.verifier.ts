import { readFileSync } from 'node:fs';
import { ROLES } from '../../ports/token-store.port';
import type { Role } from '../../ports/token-store.port';
import type { Principal } from './principal';

// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- the linter's parser does not follow resolution-mode
type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
type Keys = ReturnType<Jose['createLocalJWKSet']> | ReturnType<Jose['createRemoteJWKSet']>;

export interface OidcOptions {
  readonly issuer: string;
  readonly audience: string;
  /** JWKS: an http(s) URL, or a path to a JSON file holding `{"keys":[…]}`. */
  readonly jwks: string;
  /** Claim holding the role (a string, or an array whose highest known role wins). Default `role`. */
  readonly roleClaim?: string;
}

/**
 * Verifies OIDC access tokens (JWTs) with `jose`: signature against the issuer's JWKS, `iss`, `aud`, `exp`/`nbf`
 * (60 s clock tolerance). The role comes from one claim; a token without a known role is refused.
 */
export class OidcVerifier {
  private jose: Promise<{ jose: Jose; keys: Keys }> | undefined;

  constructor(private readonly options: OidcOptions) {}

  /** jose is an ES module: loaded on first use, so the controller starts without it when OIDC is off. */
  private load(): Promise<{ jose: Jose; keys: Keys }> {
    this.jose ??= import('jose').then((jose) => ({
      jose,
      keys: /^https?:\/\//.test(this.options.jwks)
        ? jose.createRemoteJWKSet(new URL(this.options.jwks))
        : jose.createLocalJWKSet(JSON.parse(readFileSync(this.options.jwks, 'utf8')) as { keys: never[] }),
    }));
    return this.jose;
  }

  async verify(jwt: string): Promise<Principal | undefined> {
    try {
      const { jose, keys } = await this.load();
      const { payload } = await jose.jwtVerify(jwt, keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: 60,
      });
      const claim = payload[this.options.roleClaim ?? 'role'];
      const candidates = (Array.isArray(claim) ? claim : [claim]).filter(
        (c): c is Role => typeof c === 'string' && (ROLES as readonly string[]).includes(c),
      );
      if (candidates.length === 0) return undefined;
      const role = candidates.reduce((a, b) => (ROLES.indexOf(b) > ROLES.indexOf(a) ? b : a));
      const who = typeof payload.sub === 'string' ? payload.sub : 'unknown';
      return { name: `oidc:${who}`, role, kind: 'oidc' };
    } catch {
      return undefined;
    }
  }
}
