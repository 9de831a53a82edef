import type { BatchDefinition, NetworkDefinition, OrgDefinition, UserDefinition } from './types';

/** The alliance's base DNS domain: orgs live under `<org>.alliance.test`. */
export const BASE_DOMAIN = 'alliance.test';

/** Block cutting tuned for a local network: small blocks cut quickly. */
export const DEFAULT_BATCH: Readonly<BatchDefinition> = {
  timeoutMs: 250,
  maxMessageCount: 100,
  preferredMaxBytes: 2 * 1024 * 1024,
  absoluteMaxBytes: 10 * 1024 * 1024,
  cutOnDrain: true,
};

/** The chaincode-level endorsement policy: the channel's majority of member orgs. */
export const DEFAULT_ENDORSEMENT_POLICY = 'MAJORITY Endorsement';

/** Proposals further than this from the peer clock are refused, as Fabric 3 peers do. */
export const DEFAULT_PROPOSAL_TIME_WINDOW_MINUTES = 15;

/** The users every org has. */
export function baseUsers(): UserDefinition[] {
  return [
    { name: 'Admin', roles: ['admin'] },
    { name: 'User1', roles: ['member'] },
  ];
}

/** The users of a testing lab: the base users plus the segregated analyst, reviewer and approver. */
function labUsers(): UserDefinition[] {
  return [
    ...baseUsers(),
    { name: 'analyst', roles: ['analyst'] },
    { name: 'reviewer', roles: ['reviewer'] },
    { name: 'approver', roles: ['approver'] },
  ];
}

function org(
  name: string,
  mspId: string,
  roles: string[],
  port: number,
  users: UserDefinition[],
): OrgDefinition {
  const domain = `${name}.${BASE_DOMAIN}`;
  return { name, mspId, domain, roles, peer: { host: `peer0.${domain}`, port }, users };
}

/**
 * The default alliance: an ordering org run by the platform and five member orgs with one peer
 * each, on the channel 'alliance' with the chaincode 'provenance'. `network/network.yaml` holds
 * the same network for users to edit.
 */
export function defaultNetworkDefinition(): NetworkDefinition {
  return {
    channel: 'alliance',
    chaincode: { name: 'provenance', version: '1.0', path: 'chaincode' },
    orderer: {
      name: 'orderer',
      mspId: 'OrdererMSP',
      domain: BASE_DOMAIN,
      host: `orderer.${BASE_DOMAIN}`,
      port: 7050,
    },
    orgs: [
      org('platform', 'PlatformMSP', ['PLATFORM', 'ACCREDITATION_REGISTRAR', 'AUDITOR'], 7051, [
        ...baseUsers(),
        { name: 'auditor', roles: ['auditor'] },
      ]),
      // The brand's QA approver e-signs verification protocols (rule 28).
      org('brand', 'BrandMSP', ['MANUFACTURER'], 8051, [
        ...baseUsers(),
        { name: 'approver', roles: ['approver'] },
      ]),
      org('supplier', 'SupplierMSP', ['SUPPLIER', 'IMPORTER'], 9051, baseUsers()),
      org('lab', 'LabMSP', ['LAB'], 10051, labUsers()),
      org('verifier', 'VerifierMSP', ['LAB', 'VERIFIER'], 11051, labUsers()),
    ],
    batch: { ...DEFAULT_BATCH },
    endorsementPolicy: DEFAULT_ENDORSEMENT_POLICY,
    proposalTimeWindowMinutes: DEFAULT_PROPOSAL_TIME_WINDOW_MINUTES,
  };
}
