export {
  loadConfig,
  configSchema,
  ConfigError,
  ENV_NAMES,
  packageRoot,
  isLoopbackHost,
  clientToken,
} from './config';
export type { AppConfig } from './config';
