import { Inject, Injectable } from '@nestjs/common';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConflictError, InvalidQueryError, NotFoundError } from '../../core/errors';
import { ROLES, TOKEN_STORE, TokenExistsError } from '../../ports/token-store.port';
import type { Role, StoredToken, TokenStore } from '../../ports/token-store.port';
import { OidcVerifier } from './oidc.verifier';
import type { OidcOptions } from './oidc.verifier';
import type { Principal } from './principal';
import { generateToken, hashToken, looksLikeToken } from './token.codec';

export const AUTH_OPTIONS = Symbol('AuthOptions');

export interface AuthOptions {
  /** token: every API call needs a bearer token; none: open (loopback only, checked by the config). */
  readonly mode: 'token' | 'none';
  readonly oidc?: OidcOptions;
}

/** A token as listed: never its hash or value. */
export interface TokenInfo {
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly createdBy: string;
}

export const ADMIN_TOKEN_FILE = 'admin.token';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const NONE: Principal = { name: 'anonymous', role: 'admin', kind: 'none' };

/** Authentication (API tokens, optional OIDC JWTs) and token administration. */
@Injectable()
export class AuthService {
  private readonly oidc: OidcVerifier | undefined;

  constructor(
    @Inject(TOKEN_STORE) private readonly tokens: TokenStore,
    @Inject(AUTH_OPTIONS) readonly options: AuthOptions,
  ) {
    this.oidc = options.oidc ? new OidcVerifier(options.oidc) : undefined;
  }

  get enabled(): boolean {
    return this.options.mode === 'token';
  }

  /** Who presents this bearer credential; undefined when nobody (unknown, revoked, expired, malformed). */
  async authenticate(bearer: string | undefined): Promise<Principal | undefined> {
    if (!this.enabled) return NONE;
    if (bearer === undefined || bearer.length === 0 || bearer.length > 8192) return undefined;
    if (looksLikeToken(bearer)) {
      const found = this.tokens.byHash(hashToken(bearer));
      return found ? { name: found.name, role: found.role, kind: 'token' } : undefined;
    }
    return this.oidc?.verify(bearer);
  }

  /** Creates a token; the returned secret is shown once and never stored. */
  create(name: string, role: string, actor: string): { token: string; info: TokenInfo } {
    if (!NAME.test(name))
      throw new InvalidQueryError(`auth: token name must match ${NAME.source}`, { path: 'name' });
    if (!(ROLES as readonly string[]).includes(role))
      throw new InvalidQueryError(`auth: role must be one of ${ROLES.join(', ')}`, { path: 'role' });
    const token = generateToken();
    const stored: StoredToken = {
      name,
      role: role as Role,
      hash: hashToken(token),
      createdAt: new Date().toISOString(),
      createdBy: actor,
    };
    try {
      this.tokens.add(stored);
    } catch (err) {
      if (err instanceof TokenExistsError) throw new ConflictError(`auth: ${err.message}`);
      throw err;
    }
    return { token, info: infoOf(stored) };
  }

  revoke(name: string): void {
    if (!this.tokens.revoke(name)) throw new NotFoundError(`auth: no token named '${name}'`);
  }

  list(): TokenInfo[] {
    return this.tokens.list().map(infoOf);
  }

  /**
   * The first start's admin token, as Jupyter does: when the store holds no token at all, create `admin` and
   * write it to `<dataDir>/admin.token` (mode 0600). Returns the token from that file when it is still valid
   * (to print the dashboard URL), else undefined.
   */
  bootstrapAdmin(dataDir: string): string | undefined {
    if (!this.enabled) return undefined;
    const file = join(dataDir, ADMIN_TOKEN_FILE);
    if (this.tokens.list().length === 0) {
      const { token } = this.create('admin', 'admin', 'bootstrap');
      writeFileSync(file, `${token}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
      return token;
    }
    if (!existsSync(file)) return undefined;
    const token = readFileSync(file, 'utf8').trim();
    return this.tokens.byHash(hashToken(token)) ? token : undefined;
  }
}

const infoOf = (t: StoredToken): TokenInfo => ({
  name: t.name,
  role: t.role,
  createdAt: t.createdAt,
  createdBy: t.createdBy,
});
