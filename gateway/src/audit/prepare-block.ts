import { common, msp } from '@hyperledger/fabric-protos';
import { blockHeaderDer } from '../verify/block-hash';
import { parseChaincodeAction, type ChaincodeActionView } from '../verify/rwset-parse';
import { parseEnvelope, type ParsedTransaction } from '../verify/transaction-parse';
import { NO_HASHED_RWSETS, parseHashedRwsets, type HashedRwsets } from './hashed-rwset';
import type { SignatureJob, SignatureVerdict } from './signature-pool';

/** A signature to check and, once the pool has run, its verdict. */
export interface SignatureSlot {
  /** The signer (`msp.SerializedIdentity` bytes). */
  readonly identity: Uint8Array;
  /** Index of the job in the block's job list; undefined when the identity carries no certificate. */
  readonly job: number | undefined;
}

/** One envelope of a block, parsed, with its signatures queued for the pool. */
export interface PreparedTx {
  readonly index: number;
  readonly parsed: ParsedTransaction | undefined;
  /** Why the envelope does not parse. */
  readonly parseError: string | undefined;
  /** The chaincode action, for endorser transactions whose action decodes. */
  readonly action: ChaincodeActionView | undefined;
  /** The action's private data collections, known by hashes only (empty when it touches none). */
  readonly hashed: HashedRwsets;
  readonly actionError: string | undefined;
  readonly creator: SignatureSlot | undefined;
  readonly endorsements: readonly SignatureSlot[];
  /** For config transactions: the config envelope and its update's signatures. */
  readonly config: PreparedConfig | undefined;
}

/** A config transaction's new config and the signed update that asked for it. */
export interface PreparedConfig {
  readonly envelope: common.ConfigEnvelope;
  /** The `ConfigUpdate` bytes the admins signed, when the config carries a last update. */
  readonly updateBytes: Uint8Array | undefined;
  readonly updateSignatures: readonly SignatureSlot[];
}

/** A block decoded for checking, with every signature it holds gathered into one job list. */
export interface PreparedBlock {
  readonly number: number;
  readonly bytes: Uint8Array;
  readonly block: common.Block;
  readonly txs: readonly PreparedTx[];
  readonly ordererSignatures: readonly SignatureSlot[];
  readonly jobs: SignatureJob[];
  /** Filled by the pool, one per job. */
  verdicts: SignatureVerdict[];
}

/**
 * Decodes a block and queues every signature it carries (orderer, creators, endorsers, config
 * signers), so that the pool can verify a whole window of blocks across cores at once.
 * @throws Error when the bytes are not a block with a header
 */
export function prepareBlock(bytes: Uint8Array): PreparedBlock {
  const block = common.Block.deserializeBinary(bytes);
  const header = block.getHeader();
  if (!header) throw new Error('block has no header');
  const jobs: SignatureJob[] = [];
  const slot = (identity: Uint8Array, message: Uint8Array, signature: Uint8Array): SignatureSlot => {
    const certPem = certificateOf(identity);
    if (certPem === undefined) return { identity, job: undefined };
    return { identity, job: jobs.push({ certPem, message, signature }) - 1 };
  };
  const txs = (block.getData()?.getDataList_asU8() ?? []).map((env, i) => prepareTx(env, i, slot));
  return {
    number: header.getNumber(),
    bytes,
    block,
    txs,
    ordererSignatures: ordererSlots(block, header, slot),
    jobs,
    verdicts: [],
  };
}

type Slotter = (identity: Uint8Array, message: Uint8Array, signature: Uint8Array) => SignatureSlot;

function prepareTx(envelope: Uint8Array, index: number, slot: Slotter): PreparedTx {
  let parsed: ParsedTransaction;
  try {
    parsed = parseEnvelope(envelope, index);
  } catch (e) {
    return {
      index,
      parsed: undefined,
      parseError: (e as Error).message,
      action: undefined,
      hashed: NO_HASHED_RWSETS,
      actionError: undefined,
      creator: undefined,
      endorsements: [],
      config: undefined,
    };
  }
  const creator =
    parsed.signature.length > 0 ? slot(parsed.creator, parsed.payloadBytes, parsed.signature) : undefined;
  const e = parsed.endorsed;
  let action: ChaincodeActionView | undefined;
  let hashed = NO_HASHED_RWSETS;
  let actionError: string | undefined;
  if (e) {
    try {
      action = parseChaincodeAction(e.chaincodeAction);
      // Only actions that touch a collection are decoded a second time for their hashes.
      if (action.namespaces.some((n) => n.collectionCount > 0)) hashed = parseHashedRwsets(e.chaincodeAction);
    } catch (err) {
      action = undefined;
      actionError = `chaincode action does not decode: ${(err as Error).message}`;
    }
  }
  const endorsements = (e?.endorsements ?? []).map((en) =>
    slot(
      en.endorser,
      Buffer.concat([e?.proposalResponsePayload ?? new Uint8Array(), en.endorser]),
      en.signature,
    ),
  );
  const config = parsed.type === common.HeaderType.CONFIG ? prepareConfig(envelope, slot) : undefined;
  return { index, parsed, parseError: undefined, action, hashed, actionError, creator, endorsements, config };
}

function prepareConfig(envelope: Uint8Array, slot: Slotter): PreparedConfig | undefined {
  try {
    const payload = common.Payload.deserializeBinary(
      common.Envelope.deserializeBinary(envelope).getPayload_asU8(),
    );
    const configEnvelope = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8());
    const last = configEnvelope.getLastUpdate();
    if (!last) return { envelope: configEnvelope, updateBytes: undefined, updateSignatures: [] };
    const updatePayload = common.Payload.deserializeBinary(last.getPayload_asU8());
    const cue = common.ConfigUpdateEnvelope.deserializeBinary(updatePayload.getData_asU8());
    const updateBytes = cue.getConfigUpdate_asU8();
    const updateSignatures = cue.getSignaturesList().map((s) => {
      const shdr = common.SignatureHeader.deserializeBinary(s.getSignatureHeader_asU8());
      return slot(
        shdr.getCreator_asU8(),
        Buffer.concat([s.getSignatureHeader_asU8(), updateBytes]),
        s.getSignature_asU8(),
      );
    });
    return { envelope: configEnvelope, updateBytes, updateSignatures };
  } catch {
    return undefined;
  }
}

/** The orderer signatures in SIGNATURES: each covers `value || signature header || header DER`. */
function ordererSlots(block: common.Block, header: common.BlockHeader, slot: Slotter): SignatureSlot[] {
  const raw = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES];
  if (!raw || raw.length === 0) return [];
  try {
    const md = common.Metadata.deserializeBinary(raw);
    const der = blockHeaderDer(
      BigInt(header.getNumber()),
      header.getPreviousHash_asU8(),
      header.getDataHash_asU8(),
    );
    return md.getSignaturesList().map((s) => {
      const shdr = common.SignatureHeader.deserializeBinary(s.getSignatureHeader_asU8());
      return slot(
        shdr.getCreator_asU8(),
        Buffer.concat([md.getValue_asU8(), s.getSignatureHeader_asU8(), der]),
        s.getSignature_asU8(),
      );
    });
  } catch {
    return [];
  }
}

/** The PEM certificate inside a serialized identity, or undefined when it holds none. */
function certificateOf(identity: Uint8Array): string | undefined {
  try {
    const pem = Buffer.from(msp.SerializedIdentity.deserializeBinary(identity).getIdBytes_asU8()).toString(
      'utf8',
    );
    return pem.includes('BEGIN CERTIFICATE') ? pem : undefined;
  } catch {
    return undefined;
  }
}
