import { blockHeaderDer, sha256 } from '@alliance/gateway';

const d = sha256(Buffer.from('abc'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('block header hash', () => {
  // Vectors made with Go's encoding/asn1, as Fabric computes them.
  it.each([
    [0n, new Uint8Array(), d, 'a7c5d8fa57948c7d5213552ce244fada0ff78da319e07deaf93ff5679f578cdc'],
    [1n, d, d, '8625ad07fb79b3abd9efb58cb48f09c56610efeca529d3dfe154ed233855a894'],
    [128n, d, d, '56a27b6c96cfe71f14ed758991113a8c203fd115c0a34f9a89900da84732dea9'],
    [2n ** 63n, d, d, 'c05fd5108f60178ee162ef890f3cf38e2480e776be3ab94ca07c4f10a466c111'],
    [
      0n,
      new Uint8Array(),
      new Uint8Array(),
      '1d1c288c6851505be0b47a0f8e7dfb91ab2abe6ad71cef63a3791d14588d1d0e',
    ],
  ])('block %s hashes as Fabric does', (n, prev, data, expected) => {
    expect(hex(sha256(blockHeaderDer(n, prev, data)))).toBe(expected);
  });

  it('encodes the empty header exactly', () => {
    expect(hex(blockHeaderDer(0n, new Uint8Array(), new Uint8Array()))).toBe('300702010004000400');
  });
});
