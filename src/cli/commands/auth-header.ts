import { clientToken } from '../../config';

/**
 * The caller's credential for every CLI command that talks to a controller: `AUTONET_TOKEN` (an `an_…` API
 * token or an OIDC JWT), sent as `Authorization: Bearer`. Read at call time; never printed.
 */
export function authHeader(): Record<string, string> {
  const token = clientToken();
  return token !== undefined ? { authorization: `Bearer ${token}` } : {};
}
