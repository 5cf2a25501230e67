export { BrokerServer } from './broker-server.js';
export type { BrokerSecurity, BrokerServerOptions, ListenerSpec } from './broker-server.js';
export type { BrokerConfigSource, BrokerDefaults } from './replica/topic-settings.js';
export type { BrokerConfigResolver, BrokerConfigView, DynamicConfigValues } from './metadata/dynamic-broker-config.js';
export type { ReplicaFetcherSettings } from './replica/replica-fetcher.js';
export type { ControllerAddress } from './metadata/controller-channel.js';
export { isInternalTopic } from './metadata/metadata-cache.js';
export type { GroupCoordinatorSettings } from './group/group-coordinator.js';
export { UNSAFE_FAULT_ENV, UNSAFE_FAULTS, unsafeFaultProblem } from './unsafe-fault.js';
