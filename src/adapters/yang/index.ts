export { LibyangValidator, AUTONET_MODULES, type LibyangValidatorOptions } from './libyang.validator';
export { YanglintUnavailableError } from './yanglint.process';
export {
  INTENT_DEFAULTS,
  INTENTS_CONTAINER,
  intentBodyToYang,
  intentSpecToBody,
  intentSpecToYang,
  intentYangToSpec,
  type IntentBody,
} from './intent-json.mapping';
export {
  SLICES_CONTAINER,
  SLICE_DEFAULTS,
  sliceBodyToYang,
  sliceSpecToBody,
  sliceYangToSpec,
} from './slice-json.mapping';
export {
  SR_POLICIES_CONTAINER,
  srPolicyToJson,
  srPoliciesDocument,
  type SrPolicyJson,
} from './sr-policy-json.mapping';
