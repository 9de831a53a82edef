import { common, orderer } from '@alliance/network/protos';
import { createBlock } from '@alliance/network/block';
import { EncodedBlockResponse } from '@alliance/network/orderer';

describe('EncodedBlockResponse', () => {
  it.each([0, 100, 20_000, 300_000])(
    'decodes as a DeliverResponse holding the stored block (%i bytes of data)',
    (size) => {
      const block = createBlock(7, Buffer.alloc(32, 1), size > 0 ? [Buffer.alloc(size, 2)] : []);
      const stored = block.serializeBinary();
      const response = orderer.DeliverResponse.deserializeBinary(
        new EncodedBlockResponse(stored).serializeBinary(),
      );
      expect(response.getTypeCase()).toBe(orderer.DeliverResponse.TypeCase.BLOCK);
      expect(Buffer.from(response.getBlock()!.serializeBinary()).equals(Buffer.from(stored))).toBe(true);
      expect(common.Block.deserializeBinary(stored).getHeader()!.getNumber()).toBe(7);
    },
  );
});
