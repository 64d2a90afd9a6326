import type { TwinIndex } from './twin-index';
import type { WhatIfBase } from './what-if-base';
import type { N1Outcome, WhatIfChange, WhatIfResult } from './twin-types';

export interface ScanN1Options {
  /** Only these links (default: every link). */
  readonly links?: readonly string[];
}

/** STUB (first commit only). */
export function predictWhatIf(_index: TwinIndex, _base: WhatIfBase, _change: WhatIfChange): WhatIfResult {
  throw new Error('twin: not implemented yet');
}

/** STUB (first commit only). */
export function scanN1(_index: TwinIndex, _base: WhatIfBase, _options?: ScanN1Options): N1Outcome[] {
  throw new Error('twin: not implemented yet');
}
