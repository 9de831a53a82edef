import { common, peer } from '@hyperledger/fabric-protos';
import { blockDataHash, sha256 } from './block-hash';
import { evaluatePolicyPath, type ChannelConfigView, type PolicyOutcome } from './channel-config';
import { checkIdentity, subjectCn, type ValidIdentity } from './msp';
import { satisfiesSignaturePolicy } from './policy';
import { signatureProblem } from './signature';
import type { ParsedTransaction } from './transaction-parse';

/** One check the library made itself, with its outcome. */
export interface Finding {
  /** Short stable name of the check (`creator-signature`, `endorsement-policy`, ...). */
  readonly check: string;
  readonly ok: boolean;
  /** What was found, readable by a person. */
  readonly detail: string;
}

/** The channel reference Fabric uses when a chaincode definition names no policy of its own. */
export const DEFAULT_ENDORSEMENT_POLICY_REF = '/Channel/Application/Endorsement';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ok = (check: string, detail: string): Finding => ({ check, ok: true, detail });
const fail = (check: string, detail: string): Finding => ({ check, ok: false, detail });

/** Checks the block's data hash against its header. */
export function checkDataHash(block: common.Block): Finding {
  const header = block.getHeader();
  const computed = blockDataHash(block.getData());
  const claimed = header?.getDataHash_asU8() ?? new Uint8Array();
  const n = header?.getNumber() ?? '?';
  return Buffer.from(computed).equals(Buffer.from(claimed))
    ? ok('data-hash', `block ${n} data hash ${hex(computed).slice(0, 16)}… matches its header`)
    : fail(
        'data-hash',
        `block ${n} data hash ${hex(computed).slice(0, 16)}… differs from its header ${hex(claimed).slice(0, 16)}…`,
      );
}

/**
 * Recomputes the signatures and bindings of one transaction against the channel configuration in
 * force: creator, creator signature, transaction id, proposal hash, each endorsement, and the
 * chaincode endorsement policy.
 * @param policy - the chaincode's `ApplicationPolicy` (undefined: the channel's default reference)
 */
export function checkTransaction(
  tx: ParsedTransaction,
  config: ChannelConfigView,
  policy: peer.ApplicationPolicy | undefined,
): Finding[] {
  const findings: Finding[] = [];
  const creator = checkIdentity(config.msps, tx.creator, tx.timestamp);
  if (!creator.ok) findings.push(fail('creator', creator.reason));
  else {
    findings.push(
      ok(
        'creator',
        `${creator.identity.mspId} ${subjectCn(creator.identity.certificate)} is valid in the channel`,
      ),
    );
    const problem = signatureProblem(creator.identity.certificate, tx.payloadBytes, tx.signature);
    findings.push(
      problem ? fail('creator-signature', problem) : ok('creator-signature', 'envelope signature verifies'),
    );
  }
  const expectedTxId = hex(sha256(tx.nonce, tx.creator));
  findings.push(
    expectedTxId === tx.txId
      ? ok('tx-id', 'transaction id = SHA-256(nonce || creator)')
      : fail('tx-id', `transaction id should be ${expectedTxId}`),
  );
  const e = tx.endorsed;
  if (!e) {
    findings.push(fail('endorsements', 'not an endorser transaction'));
    return findings;
  }
  if (e.actionCount !== 1)
    findings.push(fail('actions', `${e.actionCount} actions; Fabric accepts exactly one`));
  const proposalHash = sha256(tx.channelHeaderBytes, e.actionHeaderBytes, e.chaincodeProposalPayload);
  findings.push(
    Buffer.from(proposalHash).equals(Buffer.from(e.proposalHash))
      ? ok('proposal-hash', 'endorsed response is bound to this proposal')
      : fail('proposal-hash', 'endorsed proposal hash does not match this transaction’s proposal'),
  );
  const endorsers: ValidIdentity[] = [];
  e.endorsements.forEach((en, i) => {
    const id = checkIdentity(config.msps, en.endorser, tx.timestamp);
    if (!id.ok) {
      findings.push(fail(`endorsement[${i}]`, id.reason));
      return;
    }
    const who = `${id.identity.mspId} ${subjectCn(id.identity.certificate)}`;
    const problem = signatureProblem(
      id.identity.certificate,
      Buffer.concat([e.proposalResponsePayload, en.endorser]),
      en.signature,
    );
    if (problem) findings.push(fail(`endorsement[${i}]`, `${who}: ${problem}`));
    else {
      findings.push(ok(`endorsement[${i}]`, `${who} signed the response`));
      endorsers.push(id.identity);
    }
  });
  const outcome = evaluateChaincodePolicy(config, policy, endorsers);
  findings.push(
    outcome.satisfied
      ? ok('endorsement-policy', outcome.explanation)
      : fail('endorsement-policy', outcome.explanation),
  );
  return findings;
}

/** Evaluates the chaincode-level endorsement policy over endorsers whose signatures verified. */
export function evaluateChaincodePolicy(
  config: ChannelConfigView,
  policy: peer.ApplicationPolicy | undefined,
  endorsers: readonly ValidIdentity[],
): PolicyOutcome {
  if (policy?.getTypeCase() === peer.ApplicationPolicy.TypeCase.SIGNATURE_POLICY) {
    const env = policy.getSignaturePolicy();
    const satisfied = env !== undefined && satisfiesSignaturePolicy(env, endorsers);
    return {
      satisfied,
      explanation: `chaincode signature policy ${satisfied ? 'satisfied' : 'not satisfied'} by ${describe(endorsers)}`,
    };
  }
  const ref = policy?.getChannelConfigPolicyReference() || DEFAULT_ENDORSEMENT_POLICY_REF;
  const outcome = evaluatePolicyPath(config, ref, endorsers);
  return {
    satisfied: outcome.satisfied,
    explanation: `${outcome.explanation}; endorsers: ${describe(endorsers)}`,
  };
}

function describe(ids: readonly ValidIdentity[]): string {
  return ids.length ? ids.map((i) => i.mspId).join(', ') : 'none';
}
