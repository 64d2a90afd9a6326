export {
  AuthService,
  AUTH_OPTIONS,
  ADMIN_TOKEN_FILE,
  type AuthOptions,
  type TokenInfo,
} from './auth.service';
export { requirementOf, canonicalPath, atLeast, isMutating, type Requirement } from './access.policy';
export { generateToken, hashToken, looksLikeToken, TOKEN_PREFIX } from './token.codec';
export { OidcVerifier, type OidcOptions } from './oidc.verifier';
export type { Principal } from './principal';
export { TokenStoreCloser } from './token-store.closer';
