export { loadConfig, configSchema, ConfigError, ENV_NAMES, packageRoot, isLoopbackHost } from './config';
export type { AppConfig } from './config';
