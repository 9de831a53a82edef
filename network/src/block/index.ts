export { blockHeaderDer } from './der';
export { sha256, headerBytes, headerHash, dataHash, dataHashMatches, requireHeader } from './hash';
export { createBlock, initBlockMetadata, METADATA_SLOTS } from './create';
export { metadataSlot, setMetadataSlot, decodeMetadata, lastConfigIndex } from './metadata';
export {
  signBlock,
  blockSignedData,
  verifyBlockSignature,
  type SignedData,
  type BlockSigner,
} from './signature';
export { txFilter, setTxFilter, isTxValid } from './filter';
export {
  parseEnvelope,
  peekChannelHeader,
  computeTxId,
  decodeOr,
  type ParsedEnvelope,
  type TxTimestamp,
} from './envelope';
export {
  parseEndorserTransaction,
  parseTransactionStructure,
  parseChaincodeAction,
  type EndorserTransactionStructure,
  type ParsedEndorserTransaction,
} from './transaction';
export { decodeRwset, writesToNamespace, type NamespaceRwset } from './rwset';
export { BlockError, TxParseError, type BlockErrorCode } from './errors';
export { signedEnvelope, type EnvelopeSigner } from './signed-envelope';
