import { KeyEndorsementPolicy } from 'fabric-shim';
import {
  decodeKeyPolicy,
  encodeKeyPolicy,
  InvalidKeyPolicyError,
} from '@alliance/chaincode/ledger/keypolicy';

describe('key-level endorsement policies', () => {
  it('encodes all-of exactly as the shim helper does (bytes Fabric accepts)', () => {
    const shim = new KeyEndorsementPolicy();
    shim.addOrgs('MEMBER', 'BrandMSP', 'LabMSP'); // the helper keeps insertion order; ours sorts
    expect(Buffer.from(encodeKeyPolicy(['LabMSP', 'BrandMSP'])).equals(Buffer.from(shim.getPolicy()))).toBe(
      true,
    );
  });

  it('encodes N of M, which the shim helper cannot, and decodes it back', () => {
    const bytes = encodeKeyPolicy(['VerifierMSP', 'BrandMSP', 'LabMSP', 'BrandMSP'], 2);
    expect(decodeKeyPolicy(bytes)).toEqual({ mspIds: ['BrandMSP', 'LabMSP', 'VerifierMSP'], required: 2 });
    // The shim reads the same organisations out of our envelope.
    expect(new KeyEndorsementPolicy(bytes).listOrgs().sort()).toEqual(['BrandMSP', 'LabMSP', 'VerifierMSP']);
  });

  it('is deterministic whatever the order of organisations', () => {
    expect(Buffer.from(encodeKeyPolicy(['B', 'A', 'C'], 1))).toEqual(
      Buffer.from(encodeKeyPolicy(['C', 'B', 'A'], 1)),
    );
  });

  it.each([
    [[], undefined],
    [['A'], 0],
    [['A', 'B'], 3],
    [['A', 'B'], 1.5],
  ])('refuses %j with required %p', (orgs, required) => {
    expect(() => encodeKeyPolicy(orgs, required)).toThrow(InvalidKeyPolicyError);
  });

  it('reads no policy from empty bytes', () => {
    expect(decodeKeyPolicy(undefined)).toBeUndefined();
    expect(decodeKeyPolicy(new Uint8Array())).toBeUndefined();
  });
});
