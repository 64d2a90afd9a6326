/** Model files shipped with the package, read at start (no network downloads at run time). */
export { loadFaultModel, FAULT_MODEL_PATH } from './fault-model.loader';
export type { FaultModelLoad } from './fault-model.loader';
