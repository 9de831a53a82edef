import { createHash } from 'node:crypto';
import { blockHeaderDer, createBlock, dataHash, headerHash } from '@alliance/network/block';
import { common } from '@alliance/network/protos';

const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();
const d = sha256(Buffer.from('abc'));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('block header DER and hash', () => {
  it('encodes block 0 with an empty previous hash as Go encoding/asn1 does', () => {
    // SEQUENCE(0x27) { INTEGER 0, OCTET STRING (empty), OCTET STRING d }
    const expected = Buffer.concat([Buffer.from('3027020100040004' + '20', 'hex'), d]);
    expect(hex(blockHeaderDer(0, new Uint8Array(0), d))).toBe(hex(expected));
    expect(hex(sha256(expected))).toBe('a7c5d8fa57948c7d5213552ce244fada0ff78da319e07deaf93ff5679f578cdc');
  });

  it('adds a 0x00 lead byte when the number has its top bit set', () => {
    const der = blockHeaderDer(128, d, d);
    expect(hex(der.subarray(0, 6))).toBe('304802020080');
    expect(hex(sha256(der))).toBe('56a27b6c96cfe71f14ed758991113a8c203fd115c0a34f9a89900da84732dea9');
  });

  it('encodes numbers beyond 2^53 exactly', () => {
    const der = blockHeaderDer(2n ** 63n, d, d);
    expect(hex(der.subarray(0, 13))).toBe('304f0209008000000000000000');
    expect(hex(sha256(der))).toBe('c05fd5108f60178ee162ef890f3cf38e2480e776be3ab94ca07c4f10a466c111');
  });

  it('encodes all-empty headers and long-form lengths', () => {
    expect(hex(blockHeaderDer(0, new Uint8Array(0), new Uint8Array(0)))).toBe('300702010004000400');
    const long = new Uint8Array(200).fill(7);
    const der = blockHeaderDer(1, long, new Uint8Array(0));
    // 3 (INTEGER) + 3+200 (OCTET STRING, length 0x81 0xc8) + 2 = 208 = 0x81 0xd0
    expect(hex(der.subarray(0, 9))).toBe('3081d00201010481c8');
    expect(der.length).toBe(211);
  });

  it('hashes a proto header the same way and chains blocks', () => {
    const first = createBlock(0, new Uint8Array(0), [Buffer.from('abc')]);
    const header = first.getHeader()!;
    expect(hex(header.getDataHash_asU8())).toBe(hex(d));
    expect(hex(headerHash(header))).toBe('a7c5d8fa57948c7d5213552ce244fada0ff78da319e07deaf93ff5679f578cdc');
    const second = createBlock(1, headerHash(header), [Buffer.from('a'), Buffer.from('bc')]);
    expect(hex(second.getHeader()!.getPreviousHash_asU8())).toBe(hex(headerHash(header)));
    const vector = createBlock(1, d, [Buffer.from('a'), Buffer.from('bc')]);
    expect(hex(vector.getHeader()!.getDataHash_asU8())).toBe(hex(d));
    expect(hex(headerHash(vector.getHeader()!))).toBe(
      '8625ad07fb79b3abd9efb58cb48f09c56610efeca529d3dfe154ed233855a894',
    );
  });

  it('computes the data hash over the concatenated envelopes and keeps 5 metadata slots', () => {
    const data = new common.BlockData();
    data.setDataList([Buffer.from('ab'), Buffer.from('c')]);
    expect(hex(dataHash(data))).toBe(hex(d));
    const block = createBlock(3, d, []);
    expect(block.getMetadata()!.getMetadataList()).toHaveLength(5);
    expect(() => createBlock(-1, d, [])).toThrow(RangeError);
  });
});
