import { common, peer } from '@hyperledger/fabric-protos';
import { metadataSlot, setMetadataSlot } from './metadata';

/**
 * The TRANSACTIONS_FILTER of a block: one `peer.TxValidationCode` byte per transaction. When
 * the slot is missing or has the wrong length, every transaction reads as NOT_VALIDATED (txflags).
 */
export function txFilter(block: common.Block): Uint8Array {
  const count = block.getData()?.getDataList().length ?? 0;
  const filter = metadataSlot(block, common.BlockMetadataIndex.TRANSACTIONS_FILTER);
  if (filter.length === count) return Uint8Array.from(filter);
  return new Uint8Array(count).fill(peer.TxValidationCode.NOT_VALIDATED);
}

/** Writes the validation codes into the block's TRANSACTIONS_FILTER slot. */
export function setTxFilter(block: common.Block, codes: Uint8Array): void {
  const count = block.getData()?.getDataList().length ?? 0;
  if (codes.length !== count)
    throw new RangeError(`filter has ${codes.length} codes for ${count} transactions`);
  setMetadataSlot(block, common.BlockMetadataIndex.TRANSACTIONS_FILTER, Uint8Array.from(codes));
}

/** True when the transaction at `txNum` is marked VALID in the block's filter. */
export function isTxValid(block: common.Block, txNum: number): boolean {
  return txFilter(block)[txNum] === peer.TxValidationCode.VALID;
}
