import type { ClientDuplexStream } from '@grpc/grpc-js';
import { orderer, type common } from '@hyperledger/fabric-protos';
import { lenientClient } from '../grpc/codec';
import { dial, type Endpoint } from '../grpc/dial';

interface Pending {
  resolve(reply: { status: number; info: string }): void;
  reject(err: Error): void;
}

/**
 * Sends envelopes to the orderer over one long-lived Broadcast stream. The orderer answers
 * each envelope in order, so replies are matched to a FIFO of pending sends. A broken stream
 * fails what is pending and is reopened on the next send.
 */
export class BroadcastClient {
  readonly #client: orderer.AtomicBroadcastClient;
  #stream: ClientDuplexStream<common.Envelope, orderer.BroadcastResponse> | undefined;
  #pending: Pending[] = [];

  constructor(endpoint: Endpoint) {
    this.#client = dial(
      lenientClient(orderer.AtomicBroadcastClient, orderer.AtomicBroadcastService),
      endpoint,
    );
  }

  /** Broadcasts one envelope; resolves with the orderer's status and info. */
  send(envelope: common.Envelope): Promise<{ status: number; info: string }> {
    const stream = this.#open();
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      stream.write(envelope);
    });
  }

  /** Closes the stream and the channel. */
  close(): void {
    this.#stream?.cancel();
    this.#client.close();
  }

  #open(): ClientDuplexStream<common.Envelope, orderer.BroadcastResponse> {
    if (this.#stream) return this.#stream;
    const stream = this.#client.broadcast();
    stream.on('data', (reply: orderer.BroadcastResponse) => {
      this.#pending.shift()?.resolve({ status: reply.getStatus(), info: reply.getInfo() });
    });
    const fail = (err: Error): void => {
      if (this.#stream === stream) this.#stream = undefined;
      const pending = this.#pending;
      this.#pending = [];
      for (const p of pending) p.reject(err);
    };
    stream.on('error', fail);
    stream.on('end', () => {
      fail(new Error('orderer closed the broadcast stream'));
    });
    this.#stream = stream;
    return stream;
  }
}
