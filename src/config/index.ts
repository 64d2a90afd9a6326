export { loadConfig, configSchema, ConfigError, ENV_NAMES, packageRoot } from './config';
export type { AppConfig } from './config';
