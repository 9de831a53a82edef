import { common } from '@hyperledger/fabric-protos';
import { dataHash } from './hash';

/** Fabric blocks always carry 5 metadata slots: SIGNATURES, LAST_CONFIG, TRANSACTIONS_FILTER, ORDERER, COMMIT_HASH. */
export const METADATA_SLOTS = 5;

/** Pads the block's metadata to the 5 slots Fabric expects (protoutil `InitBlockMetadata`). */
export function initBlockMetadata(block: common.Block): common.BlockMetadata {
  const metadata = block.getMetadata() ?? new common.BlockMetadata();
  const slots = metadata.getMetadataList_asU8();
  while (slots.length < METADATA_SLOTS) slots.push(new Uint8Array(0));
  metadata.setMetadataList(slots);
  block.setMetadata(metadata);
  return metadata;
}

/**
 * A new unsigned block holding the given serialized envelopes, with its data hash set and 5
 * empty metadata slots.
 * @param number the block number (height of the chain before it)
 * @param previousHash header hash of the previous block; empty for block 0
 * @param envelopes serialized `common.Envelope`s, kept byte for byte
 */
export function createBlock(number: number, previousHash: Uint8Array, envelopes: Uint8Array[]): common.Block {
  if (!Number.isSafeInteger(number) || number < 0) throw new RangeError(`invalid block number ${number}`);
  const data = new common.BlockData();
  data.setDataList(envelopes);
  const header = new common.BlockHeader();
  header.setNumber(number);
  header.setPreviousHash(previousHash);
  header.setDataHash(dataHash(data));
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  initBlockMetadata(block);
  return block;
}
