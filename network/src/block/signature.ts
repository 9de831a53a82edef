import { randomBytes } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { headerBytes, requireHeader } from './hash';
import type { SignedData } from '../policy/types';
import { decodeMetadata, setMetadataSlot } from './metadata';

export type { SignedData };

/** What signing a block needs from the orderer's identity. */
export interface BlockSigner {
  /** The signer's msp.SerializedIdentity bytes. */
  readonly serialized: Uint8Array;
  /** ECDSA signature (DER, low-S) over SHA-256 of `data`. */
  sign(data: Uint8Array): Uint8Array;
}

/** Fabric nonces are 24 random bytes (crypto.GetRandomNonce). */
const NONCE_BYTES = 24;

/**
 * Signs a block as a Fabric 2.5 orderer does (blockwriter.go `addLastConfig` + `addBlockSignature`):
 * LAST_CONFIG gets `Metadata{value: LastConfig{index}}`, and SIGNATURES gets
 * `Metadata{value: OrdererBlockMetadata{last_config, consenter_metadata}, signatures: [{signature_header, signature}]}`
 * where the signature covers `value || signature_header || header DER bytes`.
 * @param block the block to sign; its header must be final
 * @param signer the orderer's signing identity
 * @param lastConfigIndex number of the last config block (this block's own number if it is one)
 * @param consenterMetadata consensus-specific bytes wrapped as `Metadata{value}` (empty by default)
 */
export function signBlock(
  block: common.Block,
  signer: BlockSigner,
  lastConfigIndex: number,
  consenterMetadata: Uint8Array = new Uint8Array(0),
): void {
  const lastConfig = new common.LastConfig();
  lastConfig.setIndex(lastConfigIndex);
  const legacy = new common.Metadata();
  legacy.setValue(lastConfig.serializeBinary());
  setMetadataSlot(block, common.BlockMetadataIndex.LAST_CONFIG, legacy.serializeBinary());

  const consenter = new common.Metadata();
  consenter.setValue(consenterMetadata);
  const ordererMetadata = new common.OrdererBlockMetadata();
  ordererMetadata.setLastConfig(lastConfig);
  ordererMetadata.setConsenterMetadata(consenter.serializeBinary());
  const value = ordererMetadata.serializeBinary();

  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(signer.serialized);
  signatureHeader.setNonce(randomBytes(NONCE_BYTES));
  const signatureHeaderBytes = signatureHeader.serializeBinary();

  const metadataSignature = new common.MetadataSignature();
  metadataSignature.setSignatureHeader(signatureHeaderBytes);
  metadataSignature.setSignature(
    signer.sign(Buffer.concat([value, signatureHeaderBytes, headerBytes(requireHeader(block))])),
  );
  const signatures = new common.Metadata();
  signatures.setValue(value);
  signatures.setSignaturesList([metadataSignature]);
  setMetadataSlot(block, common.BlockMetadataIndex.SIGNATURES, signatures.serializeBinary());
}

/**
 * The signature set a block carries in SIGNATURES, as Fabric's block verifier builds it:
 * data = `value || signature_header || header DER bytes`, identity = the signature header's creator.
 */
export function blockSignedData(block: common.Block): SignedData[] {
  const metadata = decodeMetadata(block, common.BlockMetadataIndex.SIGNATURES);
  const value = metadata.getValue_asU8();
  const header = headerBytes(requireHeader(block));
  return metadata.getSignaturesList().map((entry) => {
    const signatureHeaderBytes = entry.getSignatureHeader_asU8();
    const signatureHeader = common.SignatureHeader.deserializeBinary(signatureHeaderBytes);
    return {
      data: Buffer.concat([value, signatureHeaderBytes, header]),
      identity: signatureHeader.getCreator_asU8(),
      signature: entry.getSignature_asU8(),
    };
  });
}

/**
 * Checks a block's orderer signatures: builds the signature set and hands it to `verify`
 * (typically the channel's `/Channel/Orderer/BlockValidation` policy). False for a block
 * without signatures or with undecodable metadata.
 */
export function verifyBlockSignature(
  block: common.Block,
  verify: (signed: SignedData[]) => boolean,
): boolean {
  let signed: SignedData[];
  try {
    signed = blockSignedData(block);
  } catch {
    return false;
  }
  return signed.length > 0 && verify(signed);
}
