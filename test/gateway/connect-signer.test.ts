import { verify, createPublicKey } from 'node:crypto';
import { isLowS, parseDerSignature, signLowS, newNodeCryptoSigner } from '@alliance/gateway';
import { issue, newCa, type TestIdentity } from './support/pki';

let id: TestIdentity;
beforeAll(async () => {
  id = await issue(await newCa('org.test'), { cn: 'User1' });
});

describe('node:crypto signer', () => {
  it('produces DER signatures that verify and always have a low S', async () => {
    const pub = createPublicKey(id.certPem);
    const signer = newNodeCryptoSigner(id.key);
    for (let i = 0; i < 200; i++) {
      const msg = Buffer.from(`message ${i}`);
      const sig = await signer(msg);
      expect(isLowS(sig)).toBe(true);
      expect(verify('sha256', msg, { key: pub, dsaEncoding: 'der' }, sig)).toBe(true);
    }
  });

  it('flags a high S (the mirror image n - s of a valid signature)', () => {
    const sig = signLowS(id.key, Buffer.from('x'));
    const { r, s } = parseDerSignature(sig);
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const high = n - s;
    const enc = (v: bigint): Buffer => {
      let h = v.toString(16);
      if (h.length % 2) h = `0${h}`;
      const b = Buffer.from(h, 'hex');
      return b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
    };
    const rb = enc(r);
    const sb = enc(high);
    const body = Buffer.concat([Buffer.from([2, rb.length]), rb, Buffer.from([2, sb.length]), sb]);
    const der = Buffer.concat([Buffer.from([0x30, body.length]), body]);
    expect(isLowS(der)).toBe(false);
    expect(
      verify('sha256', Buffer.from('x'), { key: createPublicKey(id.certPem), dsaEncoding: 'der' }, der),
    ).toBe(true);
  });

  it('rejects malformed DER', () => {
    expect(() => parseDerSignature(Buffer.from([0x31, 0]))).toThrow(/malformed/);
    expect(() => parseDerSignature(Buffer.from([0x30, 6, 2, 1, 1, 2, 9, 1, 0]))).toThrow(/malformed/);
  });
});
