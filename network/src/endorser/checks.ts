import { createHash } from 'node:crypto';
import { common, msp } from '@hyperledger/fabric-protos';
import { isIdentityError, parseCertificate } from '../identity';
import type { ChannelView } from '../system';
import { EndorserError, rejected } from './errors';
import type { UnpackedProposal } from './unpack';

/** Go's RFC 3339 rendering of a UTC time (seconds precision). */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Go's time.Duration String() for whole milliseconds, e.g. 15m0s. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  return `${hours > 0 ? `${hours}h` : ''}${hours > 0 || minutes > 0 ? `${minutes}m` : ''}${seconds}s`;
}

/**
 * The peer's authentication filters, run before anything else: an expired creator certificate,
 * and (Fabric 3) a proposal timestamp outside the time window. They answer with an error only.
 */
export function runAuthFilters(up: UnpackedProposal, timeWindowMs: number, now: number): void {
  if (creatorExpired(up.signatureHeader.getCreator_asU8(), now)) {
    throw new EndorserError('AUTH_FILTER', 'proposal client identity expired');
  }
  if (timeWindowMs <= 0) return;
  const ts = up.channelHeader.getTimestamp();
  const proposalMs = ts ? ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6) : 0;
  if (Math.abs(now - proposalMs) > timeWindowMs) {
    throw new EndorserError(
      'AUTH_FILTER',
      `request unauthorized due to incorrect timestamp ${rfc3339(proposalMs)}, peer time ${rfc3339(now)}, peer.authentication.timewindow ${goDuration(timeWindowMs)}`,
    );
  }
}

/** Expiry (ms) by creator bytes: parsing a certificate costs far more than the rest of a proposal. */
const creatorNotAfter = new Map<string, number>();
const MAX_CACHED_CREATORS = 10_000;

/** The expiration filter reads the certificate alone; anything unreadable is left to validation. */
function creatorExpired(creator: Uint8Array, now: number): boolean {
  const key = Buffer.from(creator).toString('base64');
  let notAfter = creatorNotAfter.get(key);
  if (notAfter === undefined) {
    try {
      notAfter = parseCertificate(
        msp.SerializedIdentity.deserializeBinary(creator).getIdBytes_asU8(),
      ).notAfter;
    } catch {
      return false;
    }
    if (creatorNotAfter.size >= MAX_CACHED_CREATORS) creatorNotAfter.clear();
    creatorNotAfter.set(key, notAfter);
  }
  return notAfter < now;
}

/** Fabric's ComputeTxID: hex SHA-256 of nonce || creator. */
export function computeTxId(nonce: Uint8Array, creator: Uint8Array): string {
  return createHash('sha256').update(nonce).update(creator).digest('hex');
}

function headerTypeName(type: number): string {
  return Object.entries(common.HeaderType).find(([, v]) => v === type)?.[0] ?? String(type);
}

/** The message checks of Fabric's UnpackedProposal.Validate, with its error texts. */
function validationFailure(up: UnpackedProposal, channel: ChannelView): string | undefined {
  const type = up.channelHeader.getType();
  if (type !== common.HeaderType.ENDORSER_TRANSACTION && type !== common.HeaderType.CONFIG) {
    return `invalid header type ${headerTypeName(type)}`;
  }
  if (up.channelHeader.getEpoch() !== 0) return 'epoch is non-zero';
  const nonce = up.signatureHeader.getNonce_asU8();
  const creator = up.signatureHeader.getCreator_asU8();
  if (nonce.length === 0) return 'nonce is empty';
  if (creator.length === 0) return 'creator is empty';
  const expected = computeTxId(nonce, creator);
  if (up.channelHeader.getTxId() !== expected) {
    return `incorrectly computed txid '${up.channelHeader.getTxId()}' -- expected '${expected}'`;
  }
  if (up.signedProposal.getProposalBytes_asU8().length === 0) return 'empty proposal bytes';
  const signature = up.signedProposal.getSignature_asU8();
  if (signature.length === 0) return 'empty signature bytes';
  const channelId = up.channelHeader.getChannelId();
  let identity;
  try {
    identity = channel.msps.deserialize(creator);
  } catch (err) {
    if (!isIdentityError(err) || err.code === 'UNKNOWN_MSP' || err.code === 'MALFORMED') {
      return `access denied: channel [${channelId}] creator org unknown, creator is malformed`;
    }
    return `access denied: channel [${channelId}] creator org [${mspIdOf(creator)}]`;
  }
  if (!channel.msps.verify(identity, up.signedProposal.getProposalBytes_asU8(), signature)) {
    return `access denied: channel [${channelId}] creator org [${identity.mspId}]`;
  }
  return undefined;
}

function mspIdOf(creator: Uint8Array): string {
  try {
    return msp.SerializedIdentity.deserializeBinary(creator).getMspid();
  } catch {
    return '';
  }
}

/**
 * Starts the check of the proposal's signature in the thread pool and waits for it, so that
 * concurrent proposals verify beside the event loop; a valid signature is remembered by the
 * channel's MSPs, and {@link validateProposal} then finds it there. Decides nothing: whatever
 * does not verify here is refused by validateProposal with its own message.
 */
export async function verifyProposalSignatureAhead(
  up: UnpackedProposal,
  channel: ChannelView,
): Promise<void> {
  try {
    const identity = channel.msps.deserialize(up.signatureHeader.getCreator_asU8());
    await channel.msps.verifyInBackground(
      identity,
      up.signedProposal.getProposalBytes_asU8(),
      up.signedProposal.getSignature_asU8(),
    );
  } catch {
    // validateProposal refuses an unknown or malformed creator with Fabric's message.
  }
}

/** Validates the proposal message; failures are refused proposals ("error validating proposal: ..."). */
export function validateProposal(up: UnpackedProposal, channel: ChannelView): void {
  const failure = validationFailure(up, channel);
  if (failure) throw rejected(`error validating proposal: ${failure}`);
}
