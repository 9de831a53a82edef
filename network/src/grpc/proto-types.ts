import type { common, peer } from '@hyperledger/fabric-protos';

/** A common.Status value (the generated typings export only the map type). */
export type FabricStatus = common.StatusMap[keyof common.StatusMap];
/** A common.HeaderType value. */
export type HeaderType = common.HeaderTypeMap[keyof common.HeaderTypeMap];
/** A peer.TxValidationCode value. */
export type TxValidationCode = peer.TxValidationCodeMap[keyof peer.TxValidationCodeMap];
