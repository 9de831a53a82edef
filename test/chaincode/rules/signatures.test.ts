import { createHash } from 'node:crypto';
import { AllianceError, type ElectronicSignature } from '@alliance/chaincode/model';
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

function errorOf(fn: () => unknown): AllianceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AllianceError) return error;
    throw error;
  }
  throw new Error('expected an AllianceError');
}

function codeOf(fn: () => unknown): string {
  return errorOf(fn).code;
}

describe('electronic signatures', () => {
  it('hashes the canonical JSON of the record version (key order does not matter)', () => {
    expect(recordHash({ a: 1, b: 2 })).toBe(recordHash({ b: 2, a: 1 }));
    expect(recordHash({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
    expect(recordHash({ a: 1 })).not.toBe(recordHash({ a: 2 }));
    // UTF-8 bytes, not UTF-16 or Latin-1: the hash any client computes over the canonical JSON.
    const utf8 = createHash('sha256').update(Buffer.from('{"name":"Müller 检测"}', 'utf8')).digest('hex');
    expect(recordHash({ name: 'Müller 检测' })).toBe(utf8);
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

  it('explains each refusal with a message and machine-readable details', () => {
    const noRole = errorOf(() => buildSignature({ ...author, userRole: undefined }, 'REVIEW', HASH, at));
    expect(noRole.message).toContain('alliance.role');
    expect(noRole.details).toEqual({ mspId: 'LabMSP' });
    const badHash = errorOf(() => buildSignature(author, 'REVIEW', 'x', at));
    expect(badHash.issues).toEqual([
      { path: 'recordHash', message: 'must be a lower-case hex SHA-256 digest' },
    ]);
    expect(badHash.message).toContain('SHA-256');
    const sod = errorOf(() => {
      assertSegregationOfDuties([sig(author, 'AUTHORSHIP')], sig(author, 'APPROVAL'));
    });
    expect(sod.message).toBe('Ana already signed this record with AUTHORSHIP and may not add APPROVAL');
    expect(sod.details).toEqual({ signerId: author.userId, held: 'AUTHORSHIP', requested: 'APPROVAL' });
    const twice = errorOf(() => addSignature([sig(author, 'REVIEW')], sig(author, 'REVIEW')));
    expect(twice.message).toBe('Ana already signed this record with REVIEW');
    expect(twice.details).toEqual({ signerId: author.userId, meaning: 'REVIEW' });
    const other = recordHash({ reportId: 'R-1', version: 2 });
    const mismatch = errorOf(() => {
      assertBoundTo(sig(author, 'REVIEW'), other);
    });
    expect(mismatch.message).toContain('another version');
    expect(mismatch.details).toEqual({ expected: other, signed: HASH });
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
