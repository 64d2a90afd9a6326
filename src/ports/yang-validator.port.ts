/**
 * YANG validation behind a port (libyang's yanglint in production). Errors come back in RFC 8040 terms so
 * the API can return them as `ietf-restconf:errors` without knowing who produced them.
 */
export interface YangError {
  readonly errorType: 'transport' | 'rpc' | 'protocol' | 'application';
  /** RFC 8040 §7 error-tag, e.g. 'invalid-value', 'missing-element', 'unknown-element', 'malformed-message'. */
  readonly errorTag: string;
  /** Instance identifier of the offending node, e.g. /autonet-intent:intents/intent[name='x']/slo/bandwidth-mbps */
  readonly errorPath?: string;
  readonly errorMessage: string;
  readonly errorAppTag?: string;
}

/** Health of a validator backed by a helper process (e.g. yanglint): reported by `/health`. */
export interface YangValidatorStatus {
  readonly state: 'up' | 'degraded' | 'down';
  /** Times the helper was restarted after hanging or dying. */
  readonly restarts: number;
  readonly lastError?: string;
}

export interface YangValidator {
  /** Validate RFC 7951 JSON configuration data against the loaded modules; an empty list means valid. */
  validate(json: unknown): Promise<YangError[]>;
  /** Names of the modules loaded (e.g. 'autonet-intent'). */
  modules(): readonly string[];
  /** Health of the validator, when it has any state (absent: always up). */
  status?(): YangValidatorStatus;
  /** Checks the validator now (restarting a dead helper), then reports its status. */
  probe?(): Promise<YangValidatorStatus>;
}

export const YANG_VALIDATOR = Symbol('YangValidator');
