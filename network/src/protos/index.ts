/**
 * The Fabric protobuf classes the network package is built against (@hyperledger/fabric-protos
 * 0.3.x). Tests and tools import them from here so they never mix message objects with the older
 * copy that fabric-shim pulls in at the repository root.
 */
export { common, peer, ledger, msp, orderer, gateway, google } from '@hyperledger/fabric-protos';
