/**
 * The alliance member library: connect an identity to its peer, call the chaincode through typed
 * facades, verify transactions independently and follow domain events with durable checkpoints.
 */
export {
  AllianceGatewayError,
  ConfigurationError,
  type ConfigurationErrorCode,
} from './errors/gateway-error';
export { FABRIC_ATTRIBUTES_OID, ROLE_ATTRIBUTE, readCertificateAttributes } from './connect/cert-attributes';
export {
  connectAlliance,
  type AllianceConnectOptions,
  type AllianceConnection,
  type Closeable,
} from './connect/connection';
export { DEFAULT_TIMEOUTS, type CallTimeouts } from './connect/deadlines';
export { newPeerClient, type PeerEndpoint } from './connect/grpc-client';
export {
  findOrg,
  identityFromPem,
  loadIdentityFiles,
  loadProfileIdentity,
  parseIdentityName,
  type IdentityFiles,
  type LoadedIdentity,
} from './connect/identity';
export {
  DEFAULT_PROFILE_PATH,
  loadProfile,
  parseProfile,
  type IdentityProfile,
  type NetworkProfile,
  type OrgProfile,
  type PeerProfile,
} from './connect/profile';
export { isLowS, newNodeCryptoSigner, parseDerSignature, signLowS } from './connect/signer';

export { ChaincodeError, type ChaincodeErrorProps } from './errors/chaincode-error';
export { isChaincodeError, isCommitFailed, isConfigurationError, isFabricStageError } from './errors/guards';
export { toAllianceError } from './errors/map-error';
export {
  CommitFailedError,
  FabricStageError,
  validationCodeName,
  type FabricStage,
  type FabricStageErrorCode,
  type FabricStageErrorProps,
  type PeerDetail,
} from './errors/stage-error';

export { domainEventsOf, readEndorsedContents, type EndorsedContents } from './submit/endorsed-transaction';
export { DEFAULT_RETRY, backoffMs, isRetryable, type RetryPolicy } from './submit/retry-policy';
export { configTimestamp } from './submit/config-race';
export {
  evaluateTransaction,
  submitTransaction,
  type Invocation,
  type SubmitOutcome,
} from './submit/transact';

export { blockDataHash, blockHeaderDer, blockHeaderHash, sha256 } from './verify/block-hash';
export { linkToAnchor } from './verify/chain-link';
export {
  applicationMspIds,
  evaluatePolicyPath,
  readConfigBlock,
  type ChannelConfigView,
  type PolicyOutcome,
} from './verify/channel-config';
export { peerLedgerSource, type ChaincodeDefinitionInfo, type LedgerSource } from './verify/ledger-source';
export {
  checkIdentity,
  mspFromConfig,
  type ChannelMsp,
  type IdentityCheck,
  type MspRole,
  type ValidIdentity,
} from './verify/msp';
export { satisfiesPrincipal, satisfiesSignaturePolicy } from './verify/policy';
export {
  DEFAULT_ENDORSEMENT_POLICY_REF,
  checkDataHash,
  checkTransaction,
  evaluateChaincodePolicy,
  type Finding,
} from './verify/transaction-checks';
export {
  findTransaction,
  lastConfigIndex,
  parseEnvelope,
  peerValidationCode,
  type ParsedTransaction,
} from './verify/transaction-parse';
export { fileTrustStore, type TrustAnchor, type TrustStore } from './verify/trust-store';
export {
  verifyTransaction,
  type TransactionVerification,
  type VerifyTransactionOptions,
} from './verify/verify-transaction';
export { writeFileAtomic } from './events/atomic-file';
export { fileCheckpoint, type CheckpointStore, type EventPosition } from './events/checkpoint-file';
export { subscribe, type EventContext, type SubscribeOptions, type Subscription } from './events/subscribe';
export {
  newTypedInvoker,
  transaction,
  type Committed,
  type ContractName,
  type TransactionSpec,
  type TypedInvoker,
} from './contracts/typed-invoker';
export type { InputOf, JsonValue } from './contracts/model-types';
export type { SchemaInput } from './contracts/schema-input';
export { Members, MEMBERS_TRANSACTIONS } from './contracts/members';
export { Policy, POLICY_TRANSACTIONS } from './contracts/policy';
export { Products, PRODUCTS_TRANSACTIONS } from './contracts/products';
export {
  Instruments,
  INSTRUMENTS_TRANSACTIONS,
  type InstrumentStateAt,
  type QualificationOutcome,
} from './contracts/instruments';
export { Calibrations, CALIBRATIONS_TRANSACTIONS, type CrmConsequences } from './contracts/calibrations';
export { Runs, RUNS_TRANSACTIONS } from './contracts/runs';
export { Reports, REPORTS_TRANSACTIONS } from './contracts/reports';
export { Lots, LOTS_TRANSACTIONS, type TraceNode } from './contracts/lots';
export {
  Verifications,
  VERIFICATIONS_TRANSACTIONS,
  type VerificationCaseView,
} from './contracts/verifications';
export { Verdicts, VERDICTS_TRANSACTIONS } from './contracts/verdicts';
export { Audit, AUDIT_TRANSACTIONS } from './contracts/audit';
export { allianceClientOver, connectAllianceClient, type AllianceClient } from './contracts/alliance-client';
export { sha256File, verifyDocument, type DocumentVerification } from './verify/document';
export { runCli, type CliRun } from './cli/main';
export { replayLedger, type ReplayOptions, type ReplayOutcome, type ReplayProgress } from './audit/replay';
export { createSignaturePool, type SignaturePool } from './audit/signature-pool';
export { directoryBlockSource, writeBlockFile } from './audit/sources/directory-source';
export { peerStoreBlockSource } from './audit/sources/peer-store-source';
export { deliverBlockSource } from './audit/sources/deliver-source';
export { BlockSourceError, type BlockSource } from './audit/sources/block-source';
export { WorldState, type StateEntry } from './audit/world-state';
export type { Anomaly, OrgActivity, TxSummary } from './audit/types';
export { runDemo, type DemoOptions, type DemoResult } from './demo/run-demo';
export { demoIds, type DemoIds } from './demo/ids';
export { awaitBlockOnPeers } from './demo/peer-sync';
export type { DemoTransaction } from './demo/narrator';
export type { OrgVerification } from './demo/chapters/verify';
export type { RevocationOutcome } from './demo/chapters/revocation';
/** Channel administration: config fetch, ConfigUpdate computation, offline signatures, submission, identities and CRLs. */
export * as admin from './admin';
export { runAudit, type AuditOptions } from './audit/run-audit';
export { buildReport, type AuditReport } from './audit/report';
export { renderHtml } from './audit/report-html';
export { buildEvidence, type EvidenceChain, type EvidenceEdge, type EvidenceNode } from './audit/evidence';
export { compareWithPeer, type StateComparison } from './audit/state-probe';
