import { join } from 'node:path';
import { defaultNetworkDefinition, type NetworkDefinition } from '@alliance/network/definition';

/** The small test chaincode (get/put/range/history/SBE/events/errors). */
export const TEST_CHAINCODE_DIR = join(__dirname, '..', 'fixtures', 'test-chaincode');
/** The create-asset chaincode the benchmark runs. */
export const ASSET_CHAINCODE_DIR = join(__dirname, '..', 'fixtures', 'asset-chaincode');

/** A network definition for tests: the first `orgs` default orgs, every port 0 (free ports). */
export function testDefinition(
  opts: {
    orgs?: number;
    chaincode?: string;
    batch?: Partial<NetworkDefinition['batch']>;
    timeWindowMinutes?: number;
  } = {},
): NetworkDefinition {
  const def = defaultNetworkDefinition();
  return {
    ...def,
    chaincode: { name: opts.chaincode ?? 'testcc', version: '1.0', path: TEST_CHAINCODE_DIR },
    orderer: { ...def.orderer, port: 0 },
    orgs: def.orgs.slice(0, opts.orgs ?? 3).map((org) => ({ ...org, peer: { ...org.peer, port: 0 } })),
    batch: { ...def.batch, cutOnDrain: true, ...opts.batch },
    proposalTimeWindowMinutes: opts.timeWindowMinutes ?? def.proposalTimeWindowMinutes,
  };
}
