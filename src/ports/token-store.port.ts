/** Roles, least to most privileged; each role may do everything the ones before it may. */
export const ROLES = ['viewer', 'operator', 'engineer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A stored API token: never the token itself, only its SHA-256 hash. */
export interface StoredToken {
  readonly name: string;
  readonly role: Role;
  /** Hex SHA-256 of the token. */
  readonly hash: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** Durable API tokens (in the intent store's database). */
export interface TokenStore {
  /** Adds a token; throws `TokenExistsError` when a token of that name exists. */
  add(token: StoredToken): void;
  /** Removes a token by name; false when there was none. */
  revoke(name: string): boolean;
  byHash(hash: string): StoredToken | undefined;
  list(): StoredToken[];
  close(): void;
}

export class TokenExistsError extends Error {
  override readonly name = 'TokenExistsError';
  constructor(readonly tokenName: string) {
    super(`a token named '${tokenName}' exists`);
  }
}

export const TOKEN_STORE = Symbol('TokenStore');
