import { createHash, randomBytes } from 'node:crypto';

/** Every Autonet API token starts with this, so leaked tokens are easy to recognise and scan for. */
export const TOKEN_PREFIX = 'an_';

/** A new random token: `an_` + 32 random bytes, base64url (256 bits of entropy). */
export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Hex SHA-256 of a token: what the store keeps. A fast hash suffices for 256-bit random secrets. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when the string looks like an Autonet token (used to scrub logs and to pick the verifier). */
export const looksLikeToken = (s: string): boolean => s.startsWith(TOKEN_PREFIX);
