// The default alliance (or its first orgs) on free ports with the real chaincode, bootstrapped,
// for the integration tests of the lab facades and the demo.
import { connectAllianceClient, type AllianceClient } from '@alliance/gateway';
import { startTestNetwork, testDefinition, type TestNetwork } from '../../network/harness/network';
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
  const net = await startTestNetwork(def, ALLIANCE_CHAINCODE_DIR);
  const clients: AllianceClient[] = [];
  const as = (identity: string): AllianceClient => {
    const c = connectAllianceClient({ profile: net.network.profilePath, identity });
    clients.push(c);
    return c;
  };
  try {
    await as('platform/Admin').members.bootstrap({ members: def.orgs.map((o) => ({ mspId: o.mspId, name: o.name, roles: [...o.roles] })) });
  } catch (e) {
    await net.stop();
    throw e;
  }
  return {
    net,
    profilePath: net.network.profilePath,
    as,
    stop: async () => {
      for (const c of clients) c.close();
      await net.stop();
    },
  };
}
