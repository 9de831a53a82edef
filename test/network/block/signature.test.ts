import { generateKeyPairSync, sign, verify } from 'node:crypto';
import {
  blockSignedData,
  createBlock,
  headerBytes,
  isTxValid,
  lastConfigIndex,
  setTxFilter,
  signBlock,
  txFilter,
  verifyBlockSignature,
  type BlockSigner,
  type SignedData,
} from '@alliance/network/block';
import { common, peer } from '@alliance/network/protos';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const identity = Buffer.from('orderer-identity');
const signer: BlockSigner = {
  serialized: identity,
  sign: (data) => sign('sha256', data, privateKey),
};
const verifyAll = (set: SignedData[]): boolean =>
  set.every(
    (s) => Buffer.from(s.identity).equals(identity) && verify('sha256', s.data, publicKey, s.signature),
  );

describe('orderer block signatures', () => {
  it('signs value || signature header || header DER and verifies', () => {
    const block = createBlock(4, Buffer.alloc(32, 1), [Buffer.from('tx')]);
    signBlock(block, signer, 2);
    expect(verifyBlockSignature(block, verifyAll)).toBe(true);
    expect(lastConfigIndex(block)).toBe(2);

    const metadata = common.Metadata.deserializeBinary(block.getMetadata()!.getMetadataList_asU8()[0]!);
    const value = metadata.getValue_asU8();
    expect(common.OrdererBlockMetadata.deserializeBinary(value).getLastConfig()!.getIndex()).toBe(2);
    const entry = metadata.getSignaturesList()[0]!;
    const header = common.SignatureHeader.deserializeBinary(entry.getSignatureHeader_asU8());
    expect(Buffer.from(header.getCreator_asU8())).toEqual(identity);
    expect(header.getNonce_asU8()).toHaveLength(24);
    const signed = Buffer.concat([value, entry.getSignatureHeader_asU8(), headerBytes(block.getHeader()!)]);
    expect(verify('sha256', signed, publicKey, entry.getSignature_asU8())).toBe(true);
    const legacy = common.Metadata.deserializeBinary(block.getMetadata()!.getMetadataList_asU8()[1]!);
    expect(common.LastConfig.deserializeBinary(legacy.getValue_asU8()).getIndex()).toBe(2);
  });

  it('fails verification when the header changes after signing', () => {
    const block = createBlock(4, Buffer.alloc(32, 1), [Buffer.from('tx')]);
    signBlock(block, signer, 0);
    block.getHeader()!.setNumber(5);
    expect(verifyBlockSignature(block, verifyAll)).toBe(false);
  });

  it('reports no signature for an unsigned block or garbage metadata', () => {
    const block = createBlock(1, Buffer.alloc(32), []);
    expect(verifyBlockSignature(block, () => true)).toBe(false);
    const slots = block.getMetadata()!.getMetadataList_asU8();
    slots[0] = Buffer.from([0xff, 0xff, 0xff]);
    block.getMetadata()!.setMetadataList(slots);
    expect(verifyBlockSignature(block, () => true)).toBe(false);
    expect(() => blockSignedData(block)).toThrow(/MALFORMED_BLOCK/);
    expect(() => lastConfigIndex(createBlock(1, Buffer.alloc(32), []))).toThrow(/MISSING_METADATA/);
  });
});

describe('TRANSACTIONS_FILTER', () => {
  it('reads NOT_VALIDATED until set, then the codes', () => {
    const block = createBlock(1, Buffer.alloc(32), [Buffer.from('a'), Buffer.from('b')]);
    expect([...txFilter(block)]).toEqual([
      peer.TxValidationCode.NOT_VALIDATED,
      peer.TxValidationCode.NOT_VALIDATED,
    ]);
    setTxFilter(block, Uint8Array.of(peer.TxValidationCode.VALID, peer.TxValidationCode.MVCC_READ_CONFLICT));
    expect([...txFilter(block)]).toEqual([0, 11]);
    expect(isTxValid(block, 0)).toBe(true);
    expect(isTxValid(block, 1)).toBe(false);
    expect(() => {
      setTxFilter(block, Uint8Array.of(0));
    }).toThrow(RangeError);
  });
});
