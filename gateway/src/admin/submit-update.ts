import { setTimeout as sleep } from 'node:timers/promises';
import type { common } from '@hyperledger/fabric-protos';
import type { AllianceConnection } from '../connect/connection';
import { checkUpdateAuthorization, type UpdateAuthorization } from './authorize-update';
import { broadcast, configUpdateTransaction, ordererEndpoint } from './broadcast';
import { diffConfigs, type ConfigChange } from './config-diff';
import { AdminError } from './errors';
import { fetchChannelConfig } from './fetch-config';
import { signerOf, signUpdate } from './update-file';

/** How to submit a config update. */
export interface SubmitUpdateOptions {
  /** Send even when the local check says the signatures fall short (the orderer decides). */
  readonly force?: boolean;
  /** How long to wait for the config block after the orderer accepted the update (default 30 s). */
  readonly timeoutMs?: number;
}

/** A config update the channel applied. */
export interface AppliedUpdate {
  /** The config block holding it. */
  readonly blockNumber: bigint;
  /** The channel config's new sequence. */
  readonly sequence: number;
  readonly changes: readonly ConfigChange[];
  /** The signatures' verdict before sending. */
  readonly authorization: UpdateAuthorization;
}

/** The first policy the signatures do not satisfy, with its explanation. */
function shortfall(auth: UpdateAuthorization): { policy: string; explanation: string } | undefined {
  const missing = auth.required.find((r) => !r.outcome.satisfied);
  return missing && { policy: missing.policy, explanation: missing.outcome.explanation };
}

/** A Fabric orderer names the element whose policy failed (`policy for [Group]  /Channel/Application not satisfied`). */
function policyInInfo(info: string): string | undefined {
  return /(\/Channel\/[\w./-]*)/.exec(info)?.[1];
}

async function waitForSequence(
  conn: AllianceConnection,
  above: number,
  timeoutMs: number,
): Promise<{ blockNumber: bigint; config: common.Config }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const latest = await fetchChannelConfig(conn);
    if (latest.config.getSequence() > above) return latest;
    if (Date.now() > deadline) {
      throw new AdminError(
        'CONFIG_BLOCK_TIMEOUT',
        `the orderer accepted the update but the peer's config is still at sequence ${above} after ${timeoutMs} ms`,
      );
    }
    await sleep(200);
  }
}

/**
 * Submits a signed config update: adds the submitter's own signature (as `peer channel update`
 * does), checks the signatures against the current config's modification policies, broadcasts a
 * CONFIG_UPDATE envelope to the orderer, and waits until the peer holds the new config.
 * @param conn - the submitter's connection (an admin of a member org, usually)
 * @param envelope - the update with the signatures collected
 * @throws {@link AdminError} `UPDATE_STALE` (read set out of date), `POLICY_NOT_SATISFIED` (naming the
 *   policy; nothing sent), `BROADCAST_REFUSED` (the orderer's status and reason, with the policy when
 *   known), `CONFIG_BLOCK_TIMEOUT`
 */
export async function submitConfigUpdate(
  conn: AllianceConnection,
  envelope: common.ConfigUpdateEnvelope,
  options: SubmitUpdateOptions = {},
): Promise<AppliedUpdate> {
  const current = await fetchChannelConfig(conn);
  const me = conn.identity;
  const signedByMe = envelope
    .getSignaturesList()
    .map(signerOf)
    .some((s) => s.mspId === me.mspId && s.certificatePem.trim() === me.certificatePem.trim());
  const signed = signedByMe ? envelope : signUpdate(envelope, me);
  const authorization = checkUpdateAuthorization(current.config, signed, conn.channel);
  if (authorization.problems.length > 0)
    throw new AdminError(
      'UPDATE_STALE',
      `the update does not fit the channel's config: ${authorization.problems.join('; ')}`,
    );
  const missing = shortfall(authorization);
  if (missing && !options.force) {
    throw new AdminError(
      'POLICY_NOT_SATISFIED',
      `not sent: the signatures do not satisfy ${missing.policy} (${missing.explanation}); collect more with "alliance config sign"`,
      { policy: missing.policy },
    );
  }
  const result = await broadcast(ordererEndpoint(conn), configUpdateTransaction(signed, conn.channel, me));
  if (result.statusName !== 'SUCCESS') {
    const policy = missing?.policy ?? policyInInfo(result.info);
    const hint = missing ? ` (locally: ${missing.explanation})` : '';
    throw new AdminError(
      'BROADCAST_REFUSED',
      `the orderer refused the update with ${result.statusName}: ${result.info}${hint}`,
      policy ? { policy } : undefined,
    );
  }
  const applied = await waitForSequence(conn, current.config.getSequence(), options.timeoutMs ?? 30_000);
  return {
    blockNumber: applied.blockNumber,
    sequence: applied.config.getSequence(),
    changes: diffConfigs(current.config, applied.config),
    authorization,
  };
}
