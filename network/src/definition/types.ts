/** A user of an org: its enrolment name and its roles (the first role goes into the certificate). */
export interface UserDefinition {
  /** Enrolment name, e.g. 'Admin', 'User1', 'analyst' (used in `--as org/User1`). */
  name: string;
  /** User roles: analyst | reviewer | approver | auditor | admin | member. */
  roles: string[];
}

/** User roles a certificate may carry in its `alliance.role` attribute. */
export const USER_ROLES = ['analyst', 'reviewer', 'approver', 'auditor', 'admin', 'member'] as const;

/** One member org of the alliance with its peer and users. */
export interface OrgDefinition {
  /** Short name, e.g. 'platform' (used in `--as platform/User1`). */
  name: string;
  /** MSP ID, e.g. 'PlatformMSP'. */
  mspId: string;
  /** DNS domain of the org, e.g. 'platform.alliance.test'. */
  domain: string;
  /** Ledger org roles: PLATFORM, ACCREDITATION_REGISTRAR, AUDITOR, MANUFACTURER, ... */
  roles: string[];
  /** The org's peer; port 0 = pick a free one at start. */
  peer: { host: string; port: number };
  /** Always includes Admin (roles ['admin']) and User1 (roles ['member']). */
  users: UserDefinition[];
}

/** The ordering org and its single orderer node. */
export interface OrdererDefinition {
  name: string;
  mspId: string;
  domain: string;
  host: string;
  port: number;
}

/** How the orderer cuts blocks. */
export interface BatchDefinition {
  /** Cut a block at most this long after its first transaction arrived. */
  timeoutMs: number;
  /** Cut a block when it holds this many transactions. */
  maxMessageCount: number;
  /** Cut a block when its transactions reach this many bytes. */
  preferredMaxBytes: number;
  /** Refuse a single transaction larger than this. */
  absoluteMaxBytes: number;
  /** Cut as soon as the orderer has no more transactions waiting (faster for tests than waiting the timeout). */
  cutOnDrain: boolean;
}

/** The chaincode the network deploys. */
export interface ChaincodeDefinition {
  name: string;
  version: string;
  /** Path of the chaincode package, relative to the repository root. */
  path: string;
}

/** Everything needed to build a network: orgs, orderer, channel, chaincode and tuning. */
export interface NetworkDefinition {
  /** Channel name, e.g. 'alliance'. */
  channel: string;
  chaincode: ChaincodeDefinition;
  orderer: OrdererDefinition;
  orgs: OrgDefinition[];
  batch: BatchDefinition;
  /** 'MAJORITY Endorsement' (a channel policy reference) or a signature policy string. */
  endorsementPolicy: string;
  /** Proposals more than this many minutes from the peer clock are refused; 0 disables the check. */
  proposalTimeWindowMinutes: number;
}
