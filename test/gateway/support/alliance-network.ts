// One network with the real alliance chaincode, for the gateway's integration tests: embedded,
// or real Fabric with ALLIANCE_RUNTIME=fabric.
import { join } from 'node:path';
import { testDefinition, type TestNetwork } from '../../network/harness/network';
import { startRuntimeNetwork } from '../../network/support/runtime';

/** The repository's chaincode package (built by `tsc -b`). */
export const ALLIANCE_CHAINCODE_DIR = join(__dirname, '..', '..', '..', 'chaincode');

/** Starts platform, brand and supplier (MAJORITY Endorsement = 2 of 3) with the chaincode `provenance`. */
export function startAllianceNetwork(): Promise<TestNetwork> {
  return startRuntimeNetwork(testDefinition({ orgs: 3, chaincode: 'provenance' }), ALLIANCE_CHAINCODE_DIR);
}

/** The founding registry of those three orgs. */
export const FOUNDERS = {
  members: [
    { mspId: 'PlatformMSP', name: 'Platform', roles: ['PLATFORM', 'ACCREDITATION_REGISTRAR', 'AUDITOR'] },
    { mspId: 'BrandMSP', name: 'Brand', roles: ['MANUFACTURER'] },
    { mspId: 'SupplierMSP', name: 'Supplier', roles: ['SUPPLIER', 'IMPORTER'] },
  ],
} as const;
