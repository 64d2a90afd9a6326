export { TwinIndex } from './twin-index';
export type { ResolvedSid } from './twin-index';
export { LiveTwin } from './live-twin';
export type { LiveTwinOptions } from './live-twin';
export { whatIfBase } from './what-if-base';
export type { WhatIfBase, WhatIfBaseInput } from './what-if-base';
export { predictWhatIf, scanN1 } from './what-if.engine';
export type { ScanN1Options } from './what-if.engine';
export { queueDelayUs, congestionLossPct, DEFAULT_LINK_MODEL } from './link-model';
export type { LinkModel } from './link-model';
export type {
  TwinPolicy,
  PolicyRef,
  DemandEntry,
  LinkState,
  NodeStatus,
  PolicyStateView,
  TwinStateView,
  WhatIfChange,
  SloName,
  SloViolation,
  IntentPrediction,
  WhatIfDiff,
  WhatIfResult,
  N1Outcome,
} from './twin-types';
