// The default alliance (or its first orgs) on free ports with the real chaincode, bootstrapped,
// on the suites' runtime (embedded, or real Fabric with ALLIANCE_RUNTIME=fabric),
// for the integration tests of the lab facades and the demo. Clients wait after each submit until
// every peer has committed the block, so the next call, endorsed on any peer, sees it.
import {
  allianceClientOver,
  awaitBlockOnPeers,
  connectAlliance,
  newTypedInvoker,
  peerLedgerSource,
  type AllianceClient,
  type AllianceConnection,
  type TypedInvoker,
} from '@alliance/gateway';
import { orgRole } from '@alliance/chaincode/model';
import { testDefinition, type TestNetwork } from '../../network/harness/network';
import { startRuntimeNetwork } from '../../network/support/runtime';
import { ALLIANCE_CHAINCODE_DIR } from './alliance-network';

/** A started, bootstrapped network and a way to connect as any of its identities. */
export interface MemberNetwork {
  readonly net: TestNetwork;
  readonly profilePath: string;
  /** A client of `org/user` (closed by stop()). */
  as(identity: string): AllianceClient;
  /** Closes every client and stops the network. */
  stop(): Promise<void>;
}

/**
 * Starts the first `orgs` default orgs (platform, brand, supplier, lab, verifier) with the
 * chaincode `provenance` and bootstraps the registry from the definition as platform/Admin.
 */
export async function startMemberNetwork(orgs: number): Promise<MemberNetwork> {
  const def = testDefinition({ orgs, chaincode: 'provenance' });
  const net = await startRuntimeNetwork(def, ALLIANCE_CHAINCODE_DIR);
  const profilePath = net.network.profilePath;
  const connections: AllianceConnection[] = [];
  const connect = (identity: string): AllianceConnection => {
    const c = connectAlliance({ profile: profilePath, identity });
    connections.push(c);
    return c;
  };
  // One connection per org's peer, to watch their heights.
  const watchers = def.orgs.map((o) => peerLedgerSource(connect(`${o.name}/Admin`)));
  const as = (identity: string): AllianceClient => clientOf(connect(identity), watchers);
  try {
    await as('platform/Admin').members.bootstrap({
      members: def.orgs.map((o) => ({
        mspId: o.mspId,
        name: o.name,
        roles: o.roles.map((r) => orgRole.parse(r)),
      })),
    });
  } catch (e) {
    await net.stop();
    throw e;
  }
  return {
    net,
    profilePath,
    as,
    stop: async () => {
      for (const c of connections) c.close();
      await net.stop();
    },
  };
}

/** The facades over an invoker whose submits return once every watched peer has the block. */
function clientOf(
  connection: AllianceConnection,
  watchers: Parameters<typeof awaitBlockOnPeers>[0],
): AllianceClient {
  const base = newTypedInvoker(connection);
  const invoker: TypedInvoker = {
    connection,
    evaluate: (spec, input) => base.evaluate(spec, input),
    submit: async (spec, input) => {
      const committed = await base.submit(spec, input);
      await awaitBlockOnPeers(watchers, committed.blockNumber);
      return committed;
    },
  };
  return allianceClientOver(connection, invoker);
}
