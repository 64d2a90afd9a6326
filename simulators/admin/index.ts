export { startAdminServer } from './admin.server';
export type { AdminServerOptions, AdminServerHandle } from './admin.server';
