import type { ServerDuplexStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { common, peer } from '@hyperledger/fabric-protos';
import type { ChannelConfig } from '../channel';
import { toFilteredBlock } from '../deliver/filtered';
import type { HeightWatch } from '../deliver/height';
import { DeliverRefused, type DeliverRequest } from '../deliver/request';
import { serveDeliver } from '../deliver/stream';
import { bidiHandler } from '../grpc/handlers';
import type { FabricStatus } from '../grpc/proto-types';

/** What the peer's Deliver service reads. */
export interface PeerDeliverDeps {
  readonly heights: HeightWatch;
  readonly timeWindowMs: number;
  channel(): ChannelConfig;
  block(num: number): common.Block | undefined;
}

type Call = ServerDuplexStream<common.Envelope, peer.DeliverResponse>;

/**
 * The peer's `protos.Deliver` service: committed blocks (with TRANSACTIONS_FILTER), filtered
 * blocks, and blocks with private data (none yet: the map is empty), each behind its ACL.
 */
export function createPeerDeliverService(deps: PeerDeliverDeps): UntypedServiceImplementation {
  const serve = (
    call: Call,
    resource: string,
    render: (block: common.Block, response: peer.DeliverResponse) => void,
  ): Promise<void> =>
    serveDeliver(call, {
      heights: deps.heights,
      timeWindowMs: deps.timeWindowMs,
      configSequence: () => deps.channel().sequence,
      authorize: (request) => {
        authorize(deps.channel(), resource, request);
      },
      blockResponse: (num) => {
        const block = deps.block(num);
        if (!block) throw new Error(`block ${num} missing from the ledger`);
        const response = new peer.DeliverResponse();
        render(block, response);
        return response;
      },
      statusResponse: (status: FabricStatus) => {
        const response = new peer.DeliverResponse();
        response.setStatus(status);
        return response;
      },
    });
  return {
    deliver: bidiHandler((call: Call) =>
      serve(call, 'event/Block', (block, response) => {
        response.setBlock(block);
      }),
    ),
    deliverFiltered: bidiHandler((call: Call) =>
      serve(call, 'event/FilteredBlock', (block, response) => {
        response.setFilteredBlock(toFilteredBlock(block, deps.channel().channelId));
      }),
    ),
    deliverWithPrivateData: bidiHandler((call: Call) =>
      serve(call, 'event/Block', (block, response) => {
        const withPrivate = new peer.BlockAndPrivateData();
        withPrivate.setBlock(block);
        response.setBlockAndPrivateData(withPrivate);
      }),
    ),
  };
}

/** Checks the channel and the resource's ACL policy (default /Channel/Application/Readers). */
function authorize(config: ChannelConfig, resource: string, request: DeliverRequest): void {
  if (request.channelId !== config.channelId)
    throw new DeliverRefused(common.Status.NOT_FOUND, `channel ${request.channelId} not found`);
  const policy = config.acls[resource] ?? '/Channel/Application/Readers';
  if (!config.policies.evaluate(policy, [request.signed])) {
    throw new DeliverRefused(
      common.Status.FORBIDDEN,
      `access denied for [${resource}]: policy ${policy} not satisfied`,
    );
  }
}
