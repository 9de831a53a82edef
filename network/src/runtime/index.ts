export { startEmbeddedNetwork, type RunningNetwork, type StartOptions } from './network';
export { deployChaincode, DeployError, type DeployOptions } from './deploy';
export { stopNetwork, NetworkRunningError } from './detached';
export { stateLayout, type StateLayout } from './layout';
export { connectProfileGateway, type ProfileGateway } from './client';
