import { common, peer } from '@hyperledger/fabric-protos';
import { sha256 } from '../verify/block-hash';
import type { ChannelConfigView } from '../verify/channel-config';
import type { ValidIdentity } from '../verify/msp';
import { subjectCn } from '../verify/msp';
import { writesSomething } from '../verify/rwset-parse';
import type { BlockOverlay } from './block-overlay';
import { checkEndorsementPolicies } from './endorsement-policies';
import type { IdentityResolver } from './identities';
import type { PreparedTx, SignatureSlot } from './prepare-block';
import { checkReadConflicts } from './read-conflicts';
import type { SignatureVerdict } from './signature-pool';
import type { WorldState } from './world-state';

const Code = peer.TxValidationCode;

/** What validating one block needs: the config in force, committed state and the block so far. */
export interface ValidationScope {
  readonly config: ChannelConfigView;
  readonly identities: IdentityResolver;
  readonly verdict: (slot: SignatureSlot) => SignatureVerdict;
  readonly committed: WorldState;
  readonly overlay: BlockOverlay;
  /** Whether a tx id is already in the ledger (valid or not). */
  readonly inLedger: (txId: string) => boolean;
  /** Tx ids of the block's earlier transactions that were valid. */
  readonly validInBlock: ReadonlySet<string>;
  /** `ns\0key` whose metadata an earlier transaction of the block, valid so far, wrote. */
  readonly metadataWrittenInBlock: ReadonlySet<string>;
  readonly txCount: number;
}

/** The code the auditor computed for a transaction, why, and who signed it. */
export interface Revalidation {
  readonly code: number;
  readonly reason: string;
  readonly creator: ValidIdentity | undefined;
  readonly endorsers: readonly ValidIdentity[];
  /** Problems that do not change the code (an extra endorsement with a bad signature). */
  readonly warnings: readonly string[];
  /** True when the transaction got past its endorsement policies (its metadata writes then count). */
  readonly passedEndorsement: boolean;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/**
 * Re-validates one transaction independently, in a Fabric 2.5 committer's order (structure,
 * creator signature, tx id, proposal hash, channel, duplicates, chaincode action, endorsement
 * policies with key-level and collection policies, duplicates in the block, read conflicts on
 * public keys and on private keys known by their hashes), so that the first
 * failure gives the code the peer should have recorded.
 */
export function revalidate(tx: PreparedTx, scope: ValidationScope): Revalidation {
  const warnings: string[] = [];
  const out = (code: number, reason: string, extra: Partial<Revalidation> = {}): Revalidation => ({
    code,
    reason,
    creator: undefined,
    endorsers: [],
    warnings,
    passedEndorsement: false,
    ...extra,
  });
  const p = tx.parsed;
  if (!p) return out(Code.BAD_PAYLOAD, `envelope does not parse: ${tx.parseError ?? ''}`);
  // Every endorsement is checked even when an earlier check decides the code, so a report names all that is wrong.
  const endorsers = validEndorsers(tx, p.timestamp, scope, warnings);
  let creator: ValidIdentity | undefined;
  if (tx.creator) {
    const id = scope.identities.resolve(scope.config, p.creator, p.timestamp);
    if (!id.ok) return out(Code.BAD_CREATOR_SIGNATURE, `creator: ${id.reason}`);
    const problem = scope.verdict(tx.creator);
    if (problem)
      return out(
        Code.BAD_CREATOR_SIGNATURE,
        `creator ${id.identity.mspId} ${subjectCn(id.identity.certificate)}: ${problem}`,
      );
    creator = id.identity;
  } else return out(Code.BAD_CREATOR_SIGNATURE, 'envelope is not signed');
  if (p.type === common.HeaderType.CONFIG) return out(Code.VALID, 'config transaction', { creator });
  if (p.type !== common.HeaderType.ENDORSER_TRANSACTION)
    return out(Code.UNSUPPORTED_TX_PAYLOAD, `header type ${p.type} is not committed`, { creator });
  if (hex(sha256(p.nonce, p.creator)) !== p.txId)
    return out(Code.BAD_PROPOSAL_TXID, `tx id ${p.txId} is not SHA-256(nonce || creator)`, { creator });
  const e = p.endorsed;
  if (!e || e.actionCount !== 1)
    return out(Code.INVALID_ENDORSER_TRANSACTION, `${e?.actionCount ?? 0} actions; exactly one is accepted`, {
      creator,
    });
  if (
    !Buffer.from(sha256(p.channelHeaderBytes, e.actionHeaderBytes, e.chaincodeProposalPayload)).equals(
      Buffer.from(e.proposalHash),
    )
  ) {
    return out(Code.INVALID_ENDORSER_TRANSACTION, 'the endorsed proposal hash does not bind this proposal', {
      creator,
    });
  }
  if (p.channelId !== scope.config.channelId)
    return out(Code.TARGET_CHAIN_NOT_FOUND, `channel ${p.channelId}`, { creator });
  if (scope.inLedger(p.txId))
    return out(Code.DUPLICATE_TXID, `tx id ${p.txId} is already in the ledger`, { creator });
  const a = tx.action;
  if (!a) return out(Code.BAD_RESPONSE_PAYLOAD, tx.actionError ?? 'no chaincode action', { creator });
  if (a.chaincodeName === undefined)
    return out(Code.INVALID_OTHER_REASON, 'chaincode action has no chaincode id', { creator });
  if (a.chaincodeName !== e.chaincodeName || a.chaincodeVersion === '')
    return out(Code.INVALID_CHAINCODE, `chaincode action names ${a.chaincodeName}:${a.chaincodeVersion}`, {
      creator,
    });
  if (a.event && a.event.chaincodeId !== e.chaincodeName)
    return out(Code.INVALID_OTHER_REASON, `event of chaincode ${a.event.chaincodeId}`, { creator });
  const names = a.namespaces.map((n) => n.namespace);
  if (new Set(names).size !== names.length)
    return out(Code.ILLEGAL_WRITESET, 'a namespace appears twice in the read-write set', { creator });
  const policy = checkEndorsementPolicies(
    e.chaincodeName,
    a.namespaces.filter(writesSomething),
    a.namespaces,
    tx.hashed,
    endorsers,
    scope,
  );
  if (policy.code !== Code.VALID) return out(policy.code, policy.reason, { creator, endorsers });
  if (scope.validInBlock.has(p.txId))
    return out(Code.DUPLICATE_TXID, `tx id ${p.txId} is earlier in the same block`, {
      creator,
      endorsers,
      passedEndorsement: true,
    });
  const reads = checkReadConflicts(a.namespaces, scope.overlay, tx.hashed);
  return out(reads.code, reads.code === Code.VALID ? policy.reason : reads.reason, {
    creator,
    endorsers,
    passedEndorsement: true,
  });
}

/** Endorsers whose identity is valid in the channel and whose signature over `prp || endorser` verifies. */
function validEndorsers(
  tx: PreparedTx,
  at: Date,
  scope: ValidationScope,
  warnings: string[],
): ValidIdentity[] {
  const valid: ValidIdentity[] = [];
  tx.endorsements.forEach((slot, i) => {
    const id = scope.identities.resolve(scope.config, slot.identity, at);
    if (!id.ok) {
      warnings.push(`endorsement ${i}: ${id.reason}`);
      return;
    }
    const problem = scope.verdict(slot);
    if (problem)
      warnings.push(
        `endorsement ${i} by ${id.identity.mspId} ${subjectCn(id.identity.certificate)}: ${problem}`,
      );
    else valid.push(id.identity);
  });
  return valid;
}
