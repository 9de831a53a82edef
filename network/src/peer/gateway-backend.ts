import type { common } from '@hyperledger/fabric-protos';
import type { ChannelConfig } from '../channel';
import type { ChaincodeDefinitionView } from '../committer';
import type { HeightWatch } from '../deliver/height';
import type { AclSignedData, EndorsingPeer, GatewayBackend } from '../gateway/backend';
import type { PolicySources } from '../gateway/requirements';
import type { TxValidationCode } from '../grpc/proto-types';
import type { PeerLedger } from '../ledger';
import { channelPolicyReference } from '../policy';
import type { BroadcastClient } from './broadcast-client';
import type { TxWaiters } from './tx-waiters';

const VALIDATION_PARAMETER = 'VALIDATION_PARAMETER';
const LIFECYCLE = '_lifecycle';
const DEFAULT_READERS = '/Channel/Application/Readers';

/** The peer-side parts the Gateway service runs on. */
export interface PeerGatewayParts {
  readonly channelId: string;
  readonly local: EndorsingPeer;
  /** The other member orgs' peers under the current config. */
  remotes(): readonly EndorsingPeer[];
  readonly ledger: PeerLedger;
  readonly heights: HeightWatch;
  readonly waiters: TxWaiters;
  readonly broadcaster: BroadcastClient;
  channel(): ChannelConfig;
  chaincodes(): ChaincodeDefinitionView;
}

/** Adapts the peer's ledger, config, endorsers and orderer client to the Gateway service. */
export function createGatewayBackend(parts: PeerGatewayParts): GatewayBackend {
  return {
    channelId: parts.channelId,
    local: parts.local,
    get remotes() {
      return parts.remotes();
    },
    heights: parts.heights,
    policySources: (): PolicySources => ({
      config: parts.channel().config,
      chaincodePolicy: (ns) =>
        ns === LIFECYCLE
          ? channelPolicyReference('/Channel/Application/LifecycleEndorsement')
          : parts.chaincodes().get(ns)?.endorsementPolicy,
      keyPolicy: (ns, key) => parts.ledger.state.get(ns, key)?.metadata?.[VALIDATION_PARAMETER],
    }),
    authorize: (resource: string, signed: AclSignedData) => {
      const config = parts.channel();
      return config.policies.evaluate(config.acls[resource] ?? DEFAULT_READERS, [signed]);
    },
    verifyAhead: async (signed: AclSignedData) => {
      const { msps } = parts.channel();
      try {
        await msps.verifyInBackground(msps.deserialize(signed.identity), signed.data, signed.signature);
      } catch {
        // authorize refuses an identity that does not deserialize.
      }
    },
    // Other clients waiting for their commits: the peer is serving concurrent transactions.
    busy: () => parts.waiters.size > 0,
    broadcast: (envelope: common.Envelope) => parts.broadcaster.send(envelope),
    findTx: (txId) => {
      const found = parts.ledger.getTx(txId);
      return found ? { blockNumber: found.blockNum, code: found.code as TxValidationCode } : undefined;
    },
    waitForTx: (txId) => parts.waiters.register(txId),
    block: (num) => parts.ledger.getBlock(num),
  };
}
