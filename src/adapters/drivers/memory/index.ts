export { MemoryNeDriver } from './memory.driver';
export type { MemoryDriverOptions } from './memory.driver';
