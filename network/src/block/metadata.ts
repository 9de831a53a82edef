import { common } from '@hyperledger/fabric-protos';
import { initBlockMetadata } from './create';
import { BlockError } from './errors';

/** The raw bytes of one metadata slot (`common.BlockMetadataIndex`), empty when unset. */
export function metadataSlot(block: common.Block, index: number): Uint8Array {
  return block.getMetadata()?.getMetadataList_asU8()[index] ?? new Uint8Array(0);
}

/** Replaces one metadata slot, padding the metadata to 5 slots first. */
export function setMetadataSlot(block: common.Block, index: number, value: Uint8Array): void {
  const metadata = initBlockMetadata(block);
  const slots = metadata.getMetadataList_asU8();
  slots[index] = value;
  metadata.setMetadataList(slots);
}

/** Decodes a slot that holds a `common.Metadata` message. */
export function decodeMetadata(block: common.Block, index: number): common.Metadata {
  try {
    return common.Metadata.deserializeBinary(metadataSlot(block, index));
  } catch (err) {
    throw new BlockError('MALFORMED_BLOCK', `metadata slot ${index} does not decode: ${String(err)}`);
  }
}

/**
 * The last config block index the orderer recorded: from SIGNATURES' OrdererBlockMetadata as
 * Fabric 2.5 reads it, falling back to the deprecated LAST_CONFIG slot.
 */
export function lastConfigIndex(block: common.Block): number {
  const signatures = decodeMetadata(block, common.BlockMetadataIndex.SIGNATURES);
  const value = signatures.getValue_asU8();
  if (value.length > 0) {
    const ordererMetadata = common.OrdererBlockMetadata.deserializeBinary(value);
    const lastConfig = ordererMetadata.getLastConfig();
    if (lastConfig) return lastConfig.getIndex();
  }
  const legacy = decodeMetadata(block, common.BlockMetadataIndex.LAST_CONFIG).getValue_asU8();
  if (legacy.length > 0) return common.LastConfig.deserializeBinary(legacy).getIndex();
  throw new BlockError('MISSING_METADATA', 'block records no last config index');
}
