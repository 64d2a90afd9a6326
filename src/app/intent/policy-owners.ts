/**
 * Policies installed on headends by someone other than an intent — the assurance loop's probe-only policies
 * (disambiguation and watch probes). The reconciler never removes them as orphans: it asks their owner.
 * (The intent layer must not know the assurance loop; the loop implements this and the app module binds it.)
 */
export const POLICY_OWNERS = Symbol('POLICY_OWNERS');

export interface PolicyOwners {
  /** True while `<headend>/<name>` is held on purpose (installed, or being installed right now). */
  owns(policy: string): boolean;
}
