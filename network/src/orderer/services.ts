import type { ServerDuplexStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { common, orderer } from '@hyperledger/fabric-protos';
import type { ChannelConfig } from '../channel';
import { DeliverRefused } from '../deliver/request';
import { serveDeliver } from '../deliver/stream';
import { bidiHandler } from '../grpc/handlers';
import type { BlockStore } from '../ledger';
import { admitEnvelope } from './admission';
import type { OrderedChain } from './chain';

/** What the AtomicBroadcast service needs from the orderer node. */
export interface OrdererServiceDeps {
  readonly chain: OrderedChain;
  readonly store: BlockStore;
  channel(): ChannelConfig;
  readonly timeWindowMs: number;
}

/** The `orderer.AtomicBroadcast` service: Broadcast (admit then order) and Deliver. */
export function createAtomicBroadcastService(deps: OrdererServiceDeps): UntypedServiceImplementation {
  return {
    broadcast: bidiHandler((call: ServerDuplexStream<common.Envelope, orderer.BroadcastResponse>) =>
      broadcast(deps, call),
    ),
    deliver: bidiHandler((call: ServerDuplexStream<common.Envelope, orderer.DeliverResponse>) =>
      serveDeliver(call, {
        heights: deps.chain.heights,
        timeWindowMs: deps.timeWindowMs,
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
          const response = new orderer.DeliverResponse();
          response.setBlock(common.Block.deserializeBinary(bytes));
          return response;
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

async function broadcast(
  deps: OrdererServiceDeps,
  call: ServerDuplexStream<common.Envelope, orderer.BroadcastResponse>,
): Promise<void> {
  for await (const envelope of call as AsyncIterable<common.Envelope>) {
    const bytes = envelope.serializeBinary();
    let admission = admitEnvelope(bytes, envelope, deps.channel());
    if (admission.status === common.Status.SUCCESS) {
      try {
        deps.chain.order(bytes);
      } catch (err) {
        admission = {
          status: common.Status.SERVICE_UNAVAILABLE,
          info: err instanceof Error ? err.message : String(err),
        };
      }
    }
    const response = new orderer.BroadcastResponse();
    response.setStatus(admission.status);
    response.setInfo(admission.info);
    call.write(response);
  }
}
