export { startEmbeddedNetwork, type RunningNetwork, type StartOptions } from './network.js';
export { deployChaincode, DeployError, type DeployOptions } from './deploy.js';
export { stopNetwork, NetworkRunningError } from './detached.js';
export { stateLayout, type StateLayout } from './layout.js';
export { connectProfileGateway, type ProfileGateway } from './client.js';
