import type { ServerDuplexStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { common, orderer } from '@hyperledger/fabric-protos';
import type { ChannelConfig } from '../channel';
import { DeliverRefused } from '../deliver/request';
import { serveDeliver } from '../deliver/stream';
import { bidiHandler } from '../grpc/handlers';
import type { BlockStore } from '../ledger';
import type { BlockSigner } from '../block';
import { admitEnvelope, verifyCreatorAhead, type Admission } from './admission';
import type { OrderedChain } from './chain';
import { processConfigUpdate } from './config-update';
import { EncodedBlockResponse } from './encoded-response';

/** What the AtomicBroadcast service needs from the orderer node. */
export interface OrdererServiceDeps {
  readonly chain: OrderedChain;
  readonly store: BlockStore;
  channel(): ChannelConfig;
  /** Installs the config a just-ordered config block carries, for every envelope after it. */
  configure(config: ChannelConfig): void;
  /** The orderer's identity, which signs the CONFIG envelopes it makes from config updates. */
  readonly signer: BlockSigner;
  readonly timeWindowMs: number;
}

/** The `orderer.AtomicBroadcast` service: Broadcast (admit then order) and Deliver. */
export function createAtomicBroadcastService(deps: OrdererServiceDeps): UntypedServiceImplementation {
  return {
    broadcast: bidiHandler((call: ServerDuplexStream<common.Envelope, orderer.BroadcastResponse>) =>
      broadcast(deps, call),
    ),
    deliver: bidiHandler(
      (call: ServerDuplexStream<common.Envelope, orderer.DeliverResponse | EncodedBlockResponse>) =>
        serveDeliver(call, {
          heights: deps.chain.heights,
          timeWindowMs: deps.timeWindowMs,
          configSequence: () => deps.channel().sequence,
          authorize: (request) => {
            const config = deps.channel();
            if (request.channelId !== config.channelId)
              throw new DeliverRefused(common.Status.NOT_FOUND, `channel ${request.channelId} not found`);
            if (!config.policies.evaluate('/Channel/Readers', [request.signed]))
              throw new DeliverRefused(common.Status.FORBIDDEN, 'access denied: /Channel/Readers');
          },
          blockResponse: (num) => {
            const bytes = deps.store.get(num);
            if (!bytes) throw new Error(`block ${num} missing from the orderer store`);
            return new EncodedBlockResponse(bytes);
          },
          statusResponse: (status) => {
            const response = new orderer.DeliverResponse();
            response.setStatus(status);
            return response;
          },
        }),
    ),
  };
}

/**
 * Serves one Broadcast stream: admission and ordering run strictly in arrival order and the
 * replies go out in that order. On an idle orderer each envelope is answered at once; while the
 * orderer is busy (envelopes pending or a block being written), each envelope's signature check
 * starts in the thread pool as it arrives, so a loaded stream verifies on every core.
 */
async function broadcast(
  deps: OrdererServiceDeps,
  call: ServerDuplexStream<common.Envelope, orderer.BroadcastResponse>,
): Promise<void> {
  const answer = (envelope: common.Envelope): void => {
    const admission = orderEnvelope(deps, envelope);
    const response = new orderer.BroadcastResponse();
    response.setStatus(admission.status);
    response.setInfo(admission.info);
    call.write(response);
  };
  let previous: Promise<void> = Promise.resolve();
  let waiting = 0;
  for await (const envelope of call as AsyncIterable<common.Envelope>) {
    // On an idle orderer an envelope is answered at once (no thread-pool round trip).
    if (waiting === 0 && !deps.chain.busy) {
      answer(envelope);
      continue;
    }
    waiting++;
    const checked = verifyCreatorAhead(envelope, deps.channel());
    previous = previous
      .then(() => checked)
      .then(() => {
        waiting--;
        answer(envelope);
      });
  }
  await previous;
}

/** Admits one envelope and hands it to the chain: as it is, or as the CONFIG envelope its config update makes. */
function orderEnvelope(deps: OrdererServiceDeps, envelope: common.Envelope): Admission {
  const bytes = envelope.serializeBinary();
  const config = deps.channel();
  const admission = admitEnvelope(bytes, envelope, config);
  if (admission.status !== common.Status.SUCCESS) return admission;
  try {
    if (!admission.configUpdate) {
      deps.chain.order(bytes);
      return admission;
    }
    const accepted = processConfigUpdate(envelope, config, deps.signer);
    if ('status' in accepted) return accepted;
    // Ordered and installed in one synchronous step: every envelope admitted after this one is
    // checked against the new config, as it will be validated after the config block.
    deps.chain.orderConfig(accepted.envelope);
    deps.configure(accepted.config);
    return { status: common.Status.SUCCESS, info: '' };
  } catch (err) {
    return {
      status: common.Status.SERVICE_UNAVAILABLE,
      info: err instanceof Error ? err.message : String(err),
    };
  }
}
