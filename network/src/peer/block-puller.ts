import type { ClientDuplexStream } from '@grpc/grpc-js';
import { orderer, type common } from '@hyperledger/fabric-protos';
import { lenientClient } from '../grpc/codec';
import { dial, type Endpoint } from '../grpc/dial';
import { seekEnvelope, type SeekSigner } from '../deliver/seek-envelope';

/** What the puller hands each block to; blocks arrive strictly in order. */
export type BlockSink = (block: common.Block) => Promise<void>;

const RETRY_MS = 200;
// After a refusal (e.g. FORBIDDEN once the org left the channel) ask again only now and then.
const REFUSED_RETRY_MS = 5000;

/**
 * Pulls blocks from the orderer's Deliver from the peer's height onwards, as a peer's
 * deliver client does, and reconnects (from the new height) when the stream breaks.
 * Blocks are committed one at a time; the stream is paused while the sink works.
 */
export class BlockPuller {
  readonly #client: orderer.AtomicBroadcastClient;
  #stream: ClientDuplexStream<common.Envelope, orderer.DeliverResponse> | undefined;
  #stopped = false;
  #retry: NodeJS.Timeout | undefined;
  #chain: Promise<void> = Promise.resolve();

  constructor(
    endpoint: Endpoint,
    private readonly channelId: string,
    private readonly signer: SeekSigner,
    private readonly height: () => number,
    private readonly sink: BlockSink,
    private readonly onError: (err: Error) => void,
  ) {
    this.#client = dial(
      lenientClient(orderer.AtomicBroadcastClient, orderer.AtomicBroadcastService),
      endpoint,
    );
  }

  /** Starts pulling from the current height. */
  start(): void {
    if (this.#stopped) return;
    const stream = this.#client.deliver();
    this.#stream = stream;
    let refused = false;
    stream.on('data', (response: orderer.DeliverResponse) => {
      const block = response.getBlock();
      if (!block) {
        if (response.getStatus() !== 200) {
          refused = true;
          this.onError(new Error(`orderer deliver answered status ${response.getStatus()}`));
        }
        return;
      }
      stream.pause();
      this.#chain = this.#chain
        .then(() => this.sink(block))
        .then(
          () => {
            stream.resume();
          },
          (err: unknown) => {
            this.onError(err instanceof Error ? err : new Error(String(err)));
            stream.cancel();
          },
        );
    });
    const restart = (): void => {
      if (this.#stream !== stream) return;
      this.#stream = undefined;
      if (this.#stopped) return;
      this.#retry = setTimeout(
        () => {
          void this.#chain.then(() => {
            this.start();
          });
        },
        refused ? REFUSED_RETRY_MS : RETRY_MS,
      );
    };
    stream.on('error', restart);
    stream.on('end', restart);
    stream.write(seekEnvelope(this.channelId, this.height(), this.signer));
  }

  /** Stops pulling; resolves once the block being committed (if any) is done. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#stream?.cancel();
    this.#stream = undefined;
    await this.#chain;
    this.#client.close();
  }
}
