/**
 * A bootstrapped alliance on the in-memory ledger: the default network's five members (as the
 * network definition lists them) and policy version 1, with the users each org has.
 */
import { contracts } from '@alliance/chaincode';
import type { FoundingMember } from '@alliance/chaincode/model';
import { LedgerHarness } from './harness';
import type { TestIdentity } from './identities';

/** The founding registry of the default network (see DESIGN.md, "Default network"). */
export const DEFAULT_MEMBERS: FoundingMember[] = [
  { mspId: 'PlatformMSP', name: 'Platform', roles: ['PLATFORM', 'ACCREDITATION_REGISTRAR', 'AUDITOR'] },
  { mspId: 'BrandMSP', name: 'Brand', roles: ['MANUFACTURER'] },
  { mspId: 'SupplierMSP', name: 'Supplier', roles: ['SUPPLIER', 'IMPORTER'] },
  { mspId: 'LabMSP', name: 'Overseas lab', roles: ['LAB'] },
  { mspId: 'VerifierMSP', name: 'Domestic verifier', roles: ['LAB', 'VERIFIER'] },
];

/** The users of the default network, by `org.user`. */
export interface AllianceUsers {
  platformAdmin: TestIdentity;
  registrar: TestIdentity;
  auditor: TestIdentity;
  brandAdmin: TestIdentity;
  brandUser: TestIdentity;
  supplierAdmin: TestIdentity;
  supplierUser: TestIdentity;
  labAdmin: TestIdentity;
  labAnalyst: TestIdentity;
  labReviewer: TestIdentity;
  labApprover: TestIdentity;
  verifierAdmin: TestIdentity;
  verifierAnalyst: TestIdentity;
  verifierReviewer: TestIdentity;
  verifierApprover: TestIdentity;
}

/** Issues every default user's certificate. */
export async function allianceUsers(h: LedgerHarness): Promise<AllianceUsers> {
  return {
    platformAdmin: await h.user('PlatformMSP', 'admin', 'Admin@platform'),
    registrar: await h.user('PlatformMSP', 'approver', 'Registrar@platform'),
    auditor: await h.user('PlatformMSP', 'auditor', 'auditor@platform'),
    brandAdmin: await h.user('BrandMSP', 'admin', 'Admin@brand'),
    brandUser: await h.user('BrandMSP', 'member', 'User1@brand'),
    supplierAdmin: await h.user('SupplierMSP', 'admin', 'Admin@supplier'),
    supplierUser: await h.user('SupplierMSP', 'member', 'User1@supplier'),
    labAdmin: await h.user('LabMSP', 'admin', 'Admin@lab'),
    labAnalyst: await h.user('LabMSP', 'analyst', 'analyst@lab'),
    labReviewer: await h.user('LabMSP', 'reviewer', 'reviewer@lab'),
    labApprover: await h.user('LabMSP', 'approver', 'approver@lab'),
    verifierAdmin: await h.user('VerifierMSP', 'admin', 'Admin@verifier'),
    verifierAnalyst: await h.user('VerifierMSP', 'analyst', 'analyst@verifier'),
    verifierReviewer: await h.user('VerifierMSP', 'reviewer', 'reviewer@verifier'),
    verifierApprover: await h.user('VerifierMSP', 'approver', 'approver@verifier'),
  };
}

/**
 * A harness with every exported contract (plus `extraContracts` not exported yet), bootstrapped
 * with {@link DEFAULT_MEMBERS} and the default policy.
 */
export async function bootstrappedAlliance(
  extraContracts: readonly unknown[] = [],
): Promise<{ h: LedgerHarness; users: AllianceUsers }> {
  const h = new LedgerHarness([...new Set([...contracts, ...extraContracts])]);
  const users = await allianceUsers(h);
  await h.ok(users.platformAdmin, 'members:Bootstrap', { members: DEFAULT_MEMBERS });
  return { h, users };
}
