import { orderer, type common } from '@hyperledger/fabric-protos';
import { seekEnvelope, type SeekSigner } from '../deliver/seek-envelope';
import { lenientClient } from '../grpc/codec';
import { dial, type Endpoint } from '../grpc/dial';

/** The orderer refused to deliver (typically FORBIDDEN: the org is not yet in the channel config). */
export class DeliverStatusError extends Error {
  override readonly name = 'DeliverStatusError';
  constructor(readonly status: number) {
    super(`the orderer answered status ${status} instead of the block`);
  }
}

/**
 * Fetches one block from the orderer's Deliver, signed by `signer` (as `peer channel fetch` does).
 * Rejects with DeliverStatusError when the orderer refuses, e.g. while the signer's org is not a
 * channel reader yet.
 */
export async function fetchBlock(
  endpoint: Endpoint,
  channelId: string,
  signer: SeekSigner,
  number: number,
): Promise<common.Block> {
  const client = dial(lenientClient(orderer.AtomicBroadcastClient, orderer.AtomicBroadcastService), endpoint);
  try {
    return await new Promise<common.Block>((resolve, reject) => {
      const stream = client.deliver();
      stream.on('data', (response: orderer.DeliverResponse) => {
        const block = response.getBlock();
        if (block) resolve(block);
        else reject(new DeliverStatusError(response.getStatus()));
        stream.cancel();
      });
      stream.on('error', (err: Error & { code?: number }) => {
        reject(err);
      });
      stream.write(seekEnvelope(channelId, number, signer, number));
    });
  } finally {
    client.close();
  }
}
