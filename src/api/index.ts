export { createControllerApp } from './server';
export type { ControllerApp } from './server';
export { RestconfExceptionFilter } from './restconf-exception.filter';
export { RestconfException } from './restconf.exception';
