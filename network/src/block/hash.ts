import { createHash } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { blockHeaderDer } from './der';
import { BlockError } from './errors';

/** SHA-256 of the given byte strings, concatenated. */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** The DER header bytes Fabric hashes and the orderer signs (protoutil `BlockHeaderBytes`). */
export function headerBytes(header: common.BlockHeader): Uint8Array {
  return blockHeaderDer(header.getNumber(), header.getPreviousHash_asU8(), header.getDataHash_asU8());
}

/** SHA-256 of the DER-encoded header: the value the next block carries as `previous_hash`. */
export function headerHash(header: common.BlockHeader): Uint8Array {
  return sha256(headerBytes(header));
}

/** SHA-256 of the concatenated envelope bytes of the block (protoutil `BlockDataHash`). */
export function dataHash(data: common.BlockData): Uint8Array {
  return sha256(...data.getDataList_asU8());
}

/** The header of a block, or a coded error when a decoded block has none. */
export function requireHeader(block: common.Block): common.BlockHeader {
  const header = block.getHeader();
  if (!header) throw new BlockError('MALFORMED_BLOCK', 'block has no header');
  return header;
}

/** True when the header's data hash matches the block's envelopes. */
export function dataHashMatches(block: common.Block): boolean {
  const header = block.getHeader();
  const data = block.getData() ?? new common.BlockData();
  return header !== undefined && Buffer.from(dataHash(data)).equals(header.getDataHash_asU8());
}
