import { VerifiedSignatures } from '@alliance/network/identity/verified-signatures';

const bytes = (text: string): Uint8Array => Buffer.from(text);

describe('VerifiedSignatures', () => {
  it('remembers a verified check by signer, signature and data, and nothing else', () => {
    const memo = new VerifiedSignatures();
    const key = memo.key(bytes('signer'), bytes('data'), bytes('sig'));
    expect(memo.has(key)).toBe(false);
    memo.add(key);
    expect(memo.has(memo.key(bytes('signer'), bytes('data'), bytes('sig')))).toBe(true);
    expect(memo.has(memo.key(bytes('signer'), bytes('datb'), bytes('sig')))).toBe(false);
    expect(memo.has(memo.key(bytes('signer'), bytes('data'), bytes('sih')))).toBe(false);
    expect(memo.has(memo.key(bytes('other'), bytes('data'), bytes('sig')))).toBe(false);
  });

  it('keeps the boundaries between signer, signature and data', () => {
    const memo = new VerifiedSignatures();
    memo.add(memo.key(bytes('ab'), bytes('c'), bytes('d')));
    expect(memo.has(memo.key(bytes('a'), bytes('c'), bytes('bd')))).toBe(false);
    expect(memo.has(memo.key(bytes('a'), bytes('bc'), bytes('d')))).toBe(false);
  });
});
