export { startFabricNetwork, type FabricStartOptions } from './network';
export { stopFabricNetwork, runningFabricPids } from './stop';
export { deployFabricChaincode } from './deploy';
export { startAddedOrgPeer, joinAddedOrg, OrgJoinError, type FabricOrgJoinOptions } from './added-org';
export { spawnOrgJoiner, waitingOrgs } from './joiner-process';
export {
  findFabricBinaries,
  fabricBinariesPresent,
  FabricBinariesMissingError,
  INSTALL_HINT,
  FABRIC_PROGRAMS,
  type FabricBinaries,
} from './binaries';
export { writeCcaasPackage, packageLabel, type CcaasPackage } from './package';
export { configtxYaml } from './configtx';
export { peerCoreYaml } from './core-yaml';
export { ordererYaml } from './orderer-yaml';
export { discoverPeers, waitForDiscovery, DiscoveryTimeoutError } from './discovery';
export { FabricCommandError } from './command';
export { fabricLayout, externalBuilderDir, type FabricLayout } from './layout';
