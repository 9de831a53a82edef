import type { ElectronicSignature } from '@alliance/chaincode/model';
import {
  addSignature,
  assertBoundTo,
  assertSegregationOfDuties,
  buildSignature,
  recordHash,
  sameSigner,
  type Signer,
} from '@alliance/chaincode/rules/signatures';

const author: Signer = {
  mspId: 'LabMSP',
  userId: 'x509::/CN=ana::/CN=ca',
  printedName: 'Ana',
  userRole: 'analyst',
};
const approver: Signer = {
  mspId: 'LabMSP',
  userId: 'x509::/CN=bo::/CN=ca',
  printedName: 'Bo',
  userRole: 'approver',
};
const at = new Date('2025-03-01T10:00:00Z');
const HASH = recordHash({ reportId: 'R-1', version: 1 });

function sig(signer: Signer, meaning: ElectronicSignature['meaning']): ElectronicSignature {
  return buildSignature(signer, meaning, HASH, at);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('electronic signatures', () => {
  it('hashes the canonical JSON of the record version (key order does not matter)', () => {
    expect(recordHash({ a: 1, b: 2 })).toBe(recordHash({ b: 2, a: 1 }));
    expect(recordHash({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
    expect(recordHash({ a: 1 })).not.toBe(recordHash({ a: 2 }));
  });

  it('names signer, printed name, role, meaning, ledger time and record hash', () => {
    expect(sig(author, 'AUTHORSHIP')).toEqual({
      signerId: author.userId,
      printedName: 'Ana',
      mspId: 'LabMSP',
      role: 'analyst',
      meaning: 'AUTHORSHIP',
      signedAt: '2025-03-01T10:00:00.000Z',
      recordHash: HASH,
    });
  });

  it('needs a user role and a SHA-256 hash', () => {
    expect(codeOf(() => buildSignature({ ...author, userRole: undefined }, 'REVIEW', HASH, at))).toBe(
      'ROLE_DENIED',
    );
    expect(codeOf(() => buildSignature(author, 'REVIEW', HASH.toUpperCase(), at))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => buildSignature(author, 'REVIEW', HASH.slice(1), at))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => buildSignature(author, 'REVIEW', `${HASH}0`, at))).toBe('VALIDATION_FAILED');
  });

  it('compares signers by MSP and user id', () => {
    expect(sameSigner(sig(author, 'AUTHORSHIP'), sig(author, 'REVIEW'))).toBe(true);
    expect(sameSigner(sig(author, 'AUTHORSHIP'), sig(approver, 'AUTHORSHIP'))).toBe(false);
    expect(sameSigner(sig(author, 'AUTHORSHIP'), sig({ ...author, mspId: 'OtherMSP' }, 'AUTHORSHIP'))).toBe(
      false,
    );
  });

  it('forbids the author to approve, and the approver to author', () => {
    const authored = [sig(author, 'AUTHORSHIP')];
    expect(
      codeOf(() => {
        assertSegregationOfDuties(authored, sig(author, 'APPROVAL'));
      }),
    ).toBe('SEGREGATION_OF_DUTIES');
    expect(
      codeOf(() => {
        assertSegregationOfDuties([sig(author, 'APPROVAL')], sig(author, 'AUTHORSHIP'));
      }),
    ).toBe('SEGREGATION_OF_DUTIES');
    expect(() => {
      assertSegregationOfDuties(authored, sig(approver, 'APPROVAL'));
    }).not.toThrow();
    expect(() => {
      assertSegregationOfDuties(authored, sig(author, 'REVIEW'));
    }).not.toThrow();
    expect(() => {
      assertSegregationOfDuties([sig(author, 'REVIEW')], sig(author, 'APPROVAL'));
    }).not.toThrow();
    expect(() => {
      assertSegregationOfDuties([sig(author, 'RESPONSIBILITY')], sig(author, 'RESPONSIBILITY'));
    }).not.toThrow();
  });

  it('appends signatures, refusing a repeated meaning by the same user', () => {
    const list = addSignature(addSignature([], sig(author, 'AUTHORSHIP')), sig(approver, 'APPROVAL'));
    expect(list.map((s) => s.meaning)).toEqual(['AUTHORSHIP', 'APPROVAL']);
    expect(codeOf(() => addSignature(list, sig(author, 'AUTHORSHIP')))).toBe('INVALID_STATE');
    expect(codeOf(() => addSignature(list, sig(author, 'APPROVAL')))).toBe('SEGREGATION_OF_DUTIES');
    expect(addSignature(list, sig(author, 'REVIEW'))).toHaveLength(3);
  });

  it('checks that a signature is bound to the record version', () => {
    expect(() => {
      assertBoundTo(sig(author, 'REVIEW'), HASH);
    }).not.toThrow();
    expect(
      codeOf(() => {
        assertBoundTo(sig(author, 'REVIEW'), recordHash({ reportId: 'R-1', version: 2 }));
      }),
    ).toBe('SIGNATURE_MISMATCH');
  });
});
