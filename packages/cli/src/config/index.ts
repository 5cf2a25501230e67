export type { ConfigDef, ConfigType, ConfigValue, DynamicMode, Importance } from './config-def.js';
export { ConfigError } from './config-error.js';
export { describeConfig, describedConfigs } from './describe.js';
export { brokerConfigPolicy, brokerConfigView } from './dynamic.js';
export { toBrokerDefaults, toControllerConfig, toGroupCoordinatorSettings, toLogConfigDefaults, toReplicaFetcherSettings } from './handoff.js';
export type { ControllerNodeConfig } from './handoff.js';
export { loadServerConfig, loadServerConfigFile } from './load.js';
export type { LoadOptions } from './load.js';
export { parseProperties } from './properties.js';
export type { ParsedProperties, PropertyEntry } from './properties.js';
export { resolveConfig } from './resolve.js';
export type { ResolvedValue } from './resolve.js';
export type {
  BrokerSettings,
  GroupSettings,
  ListenerConfig,
  ListenerSettings,
  LogLevel,
  LogSettings,
  NodeSettings,
  ObservabilitySettings,
  ProcessRole,
  QuorumSettings,
  ReplicationSettings,
  ServerConfig,
} from './server-config.js';
export { STANDARD_AUTHORIZER } from './security-config.js';
export type { SecurityProtocol, SecuritySettings } from './security-config.js';
export { SERVER_CONFIG_DEFS } from './server-schema.js';
export { envVarName } from './sources.js';
export type { ConfigInputs, ConfigSource, SourceKind } from './sources.js';
