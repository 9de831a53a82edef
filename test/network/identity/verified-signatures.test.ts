import { VerifiedSignatures } from '@alliance/network/identity/verified-signatures';

const bytes = (text: string): Uint8Array => Buffer.from(text);

describe('VerifiedSignatures', () => {
  it('remembers a verified check by signer, signature and data, and nothing else', () => {
    const memo = new VerifiedSignatures();
    expect(memo.has(bytes('signer'), bytes('data'), bytes('sig'))).toBe(false);
    memo.add(bytes('signer'), bytes('data'), bytes('sig'));
    expect(memo.has(bytes('signer'), bytes('data'), bytes('sig'))).toBe(true);
    expect(memo.has(bytes('signer'), bytes('datb'), bytes('sig'))).toBe(false);
    expect(memo.has(bytes('signer'), bytes('dat'), bytes('sig'))).toBe(false);
    expect(memo.has(bytes('signer'), bytes('data'), bytes('sih'))).toBe(false);
    expect(memo.has(bytes('other'), bytes('data'), bytes('sig'))).toBe(false);
  });

  it('compares views of larger buffers by their own bytes, and keeps copies', () => {
    const memo = new VerifiedSignatures();
    const block = Buffer.from('..signer..data..sig..');
    memo.add(block.subarray(2, 8), block.subarray(10, 14), block.subarray(16, 19));
    block.fill(0);
    expect(memo.has(bytes('signer'), bytes('data'), bytes('sig'))).toBe(true);
    expect(memo.has(block.subarray(2, 8), block.subarray(10, 14), block.subarray(16, 19))).toBe(false);
  });

  it('forgets everything once full rather than growing without bound', () => {
    const memo = new VerifiedSignatures();
    memo.add(bytes('signer'), bytes('data'), bytes('first'));
    for (let i = 0; i < 2048; i++) memo.add(bytes('signer'), bytes('data'), bytes(`sig${i}`));
    expect(memo.has(bytes('signer'), bytes('data'), bytes('first'))).toBe(false);
    expect(memo.has(bytes('signer'), bytes('data'), bytes('sig2047'))).toBe(true);
  });
});
