export {
  loadConfig,
  configSchema,
  ConfigError,
  ENV_NAMES,
  packageRoot,
  isLoopbackHost,
  clientToken,
  autonomyOf,
} from './config';
export type { AppConfig } from './config';
