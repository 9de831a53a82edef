import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { common, msp } from '@hyperledger/fabric-protos';
import type { LoadedIdentity } from '../connect/identity';
import { signLowS } from '../connect/signer';
import { AdminError } from './errors';

/** An update file's content: the envelope and its decoded ConfigUpdate. */
export interface UpdateFile {
  readonly envelope: common.ConfigUpdateEnvelope;
  readonly update: common.ConfigUpdate;
}

/** A ConfigUpdateEnvelope carrying `update` and no signatures yet. */
export function newUpdateEnvelope(update: common.ConfigUpdate): common.ConfigUpdateEnvelope {
  const envelope = new common.ConfigUpdateEnvelope();
  envelope.setConfigUpdate(update.serializeBinary());
  return envelope;
}

/**
 * Decodes update file bytes (a ConfigUpdateEnvelope).
 * @throws {@link AdminError} `UPDATE_FILE_INVALID` when they are not an envelope holding a ConfigUpdate
 */
export function decodeUpdateFile(bytes: Uint8Array, where = 'the update'): UpdateFile {
  try {
    const envelope = common.ConfigUpdateEnvelope.deserializeBinary(bytes);
    const update = common.ConfigUpdate.deserializeBinary(envelope.getConfigUpdate_asU8());
    if (!update.getChannelId() || !update.getWriteSet()) throw new Error('no channel id or no write set');
    for (const s of envelope.getSignaturesList())
      common.SignatureHeader.deserializeBinary(s.getSignatureHeader_asU8());
    return { envelope, update };
  } catch (cause) {
    throw new AdminError(
      'UPDATE_FILE_INVALID',
      `${where} is not a config update envelope (make one with "alliance config update")`,
      { cause },
    );
  }
}

/**
 * Reads an update file.
 * @throws {@link AdminError} `UPDATE_FILE_INVALID` when it cannot be read or decoded
 */
export function readUpdateFile(path: string): UpdateFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new AdminError('UPDATE_FILE_INVALID', `cannot read update file ${path}`, { cause });
  }
  return decodeUpdateFile(bytes, path);
}

/**
 * Writes protobuf bytes so that a reader never sees half a file (several admins may pass the same
 * update file around): a temp file in the same folder, then a rename over the target.
 */
export function writeBytesAtomic(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

/** Writes an update file atomically. */
export function writeUpdateFile(path: string, envelope: common.ConfigUpdateEnvelope): void {
  writeBytesAtomic(path, envelope.serializeBinary());
}

/** The `msp.SerializedIdentity` bytes of an identity, as Fabric puts them in every header. */
export function serializedIdentity(identity: LoadedIdentity): Uint8Array {
  const sid = new msp.SerializedIdentity();
  sid.setMspid(identity.mspId);
  sid.setIdBytes(Buffer.from(identity.certificatePem));
  return sid.serializeBinary();
}

/** A SignatureHeader naming `identity` as creator, with a fresh 24-byte nonce. */
export function signatureHeader(identity: LoadedIdentity): common.SignatureHeader {
  const header = new common.SignatureHeader();
  header.setCreator(serializedIdentity(identity));
  header.setNonce(randomBytes(24));
  return header;
}

/** The creator of a ConfigSignature: its MSP ID and certificate PEM. */
export function signerOf(signature: common.ConfigSignature): { mspId: string; certificatePem: string } {
  const creator = msp.SerializedIdentity.deserializeBinary(
    common.SignatureHeader.deserializeBinary(signature.getSignatureHeader_asU8()).getCreator_asU8(),
  );
  return {
    mspId: creator.getMspid(),
    certificatePem: Buffer.from(creator.getIdBytes_asU8()).toString('utf8'),
  };
}

/**
 * Adds `identity`'s ConfigSignature to the envelope: a SignatureHeader (creator and nonce) and an
 * ECDSA signature over signature_header || config_update, as Fabric verifies it. Works offline.
 * @returns a new envelope (the given one is not changed)
 * @throws {@link AdminError} `ALREADY_SIGNED` when this identity's signature is there already
 */
export function signUpdate(
  envelope: common.ConfigUpdateEnvelope,
  identity: LoadedIdentity,
): common.ConfigUpdateEnvelope {
  const existing = envelope.getSignaturesList().map(signerOf);
  if (
    existing.some(
      (s) => s.mspId === identity.mspId && s.certificatePem.trim() === identity.certificatePem.trim(),
    )
  ) {
    throw new AdminError(
      'ALREADY_SIGNED',
      `the update already carries a signature of this ${identity.mspId} identity`,
    );
  }
  const header = signatureHeader(identity).serializeBinary();
  const signed = Buffer.concat([header, envelope.getConfigUpdate_asU8()]);
  const signature = new common.ConfigSignature();
  signature.setSignatureHeader(header);
  signature.setSignature(signLowS(identity.privateKey, signed));
  const next = common.ConfigUpdateEnvelope.deserializeBinary(envelope.serializeBinary());
  next.addSignatures(signature);
  return next;
}
