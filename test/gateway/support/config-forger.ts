// A forger editing a config block of a copied ledger: what the admins signed (the config update's
// signatures) or what the block says the config now is, with the config transaction's envelope
// re-signed by a key of the forger's choosing.
import { randomBytes } from 'node:crypto';
// The gateway's copy of the protos (see ledger-forger.ts).
import { common, msp } from '../../../gateway/node_modules/@hyperledger/fabric-protos';
import { signLowS } from '@alliance/gateway';
import type { ForgerKey } from './ledger-forger';

/** The config transaction of a config block, decoded for editing, with a function to write it back signed by `key`. */
function openConfig(b: common.Block) {
  const env = common.Envelope.deserializeBinary(b.getData()!.getDataList_asU8()[0]!);
  const payload = common.Payload.deserializeBinary(env.getPayload_asU8());
  const configEnvelope = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8());
  const save = (key: ForgerKey): void => {
    payload.setData(configEnvelope.serializeBinary());
    const header = payload.getHeader()!;
    const shdr = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    shdr.setCreator(key.serialized);
    shdr.setNonce(randomBytes(24));
    header.setSignatureHeader(shdr.serializeBinary());
    payload.setHeader(header);
    const bytes = payload.serializeBinary();
    env.setPayload(bytes);
    env.setSignature(signLowS(key.identity.key, bytes));
    b.getData()!.setDataList([env.serializeBinary()]);
  };
  return { configEnvelope, save };
}

/** The MSP IDs of the admins whose signatures a config block's update carries. */
export function updateSigners(b: common.Block): string[] {
  const { configEnvelope } = openConfig(b);
  const last = common.Payload.deserializeBinary(configEnvelope.getLastUpdate()!.getPayload_asU8());
  return common.ConfigUpdateEnvelope.deserializeBinary(last.getData_asU8())
    .getSignaturesList()
    .map((s) => {
      const shdr = common.SignatureHeader.deserializeBinary(s.getSignatureHeader_asU8());
      return mspIdOf(shdr.getCreator_asU8());
    });
}

/**
 * Keeps only the update signatures of the admins `keep` names, as an orderer would that slipped in
 * an update too few admins signed, and re-signs the config transaction with `key`.
 */
export function keepUpdateSignatures(
  b: common.Block,
  keep: (mspId: string) => boolean,
  key: ForgerKey,
): void {
  const { configEnvelope, save } = openConfig(b);
  const lastEnv = configEnvelope.getLastUpdate()!;
  const last = common.Payload.deserializeBinary(lastEnv.getPayload_asU8());
  const cue = common.ConfigUpdateEnvelope.deserializeBinary(last.getData_asU8());
  cue.setSignaturesList(
    cue.getSignaturesList().filter((s) => {
      const shdr = common.SignatureHeader.deserializeBinary(s.getSignatureHeader_asU8());
      return keep(mspIdOf(shdr.getCreator_asU8()));
    }),
  );
  last.setData(cue.serializeBinary());
  lastEnv.setPayload(last.serializeBinary());
  configEnvelope.setLastUpdate(lastEnv);
  save(key);
}

function mspIdOf(serialized: Uint8Array): string {
  return msp.SerializedIdentity.deserializeBinary(serialized).getMspid();
}
