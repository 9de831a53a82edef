import {
  AllianceError,
  decodeAllianceError,
  encodeAllianceError,
  hasErrorCode,
  isAllianceError,
} from '@alliance/chaincode/model';

describe('alliance errors on the wire', () => {
  const error = new AllianceError('VALIDATION_FAILED', 'invalid input: key: must not be empty', {
    issues: [{ path: 'key', message: 'must not be "empty" {really}' }],
    details: { lot: '0950.L1' },
  });

  it('encodes as marker plus sorted-key JSON', () => {
    expect(encodeAllianceError(error)).toBe(
      'ALLIANCE_ERROR {"code":"VALIDATION_FAILED","details":{"lot":"0950.L1"},"issues":[{"message":"must not be \\"empty\\" {really}","path":"key"}],"message":"invalid input: key: must not be empty"}',
    );
  });

  it('decodes from inside the text Fabric wraps around it', () => {
    const wrapped = `endorse error: chaincode response 500, ${encodeAllianceError(error)} (peer0.lab)`;
    const decoded = decodeAllianceError(wrapped);
    expect(decoded).toBeInstanceOf(AllianceError);
    expect(decoded).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: error.message,
      details: { lot: '0950.L1' },
    });
    expect(decoded?.issues).toEqual(error.issues);
  });

  it.each([
    ['no marker', 'chaincode response 500, boom'],
    ['unclosed JSON', 'ALLIANCE_ERROR {"code":"NOT_FOUND"'],
    ['broken JSON', 'ALLIANCE_ERROR {"code":NOT_FOUND}'],
    ['unknown code', 'ALLIANCE_ERROR {"code":"NOPE","message":"x"}'],
    ['no message', 'ALLIANCE_ERROR {"code":"NOT_FOUND"}'],
  ])('returns undefined for %s', (_label, text) => {
    expect(decodeAllianceError(text)).toBeUndefined();
  });

  it('drops malformed issues and non-object details', () => {
    const decoded = decodeAllianceError(
      'ALLIANCE_ERROR {"code":"NOT_FOUND","details":[1],"issues":[{"path":1},{"path":"a","message":"b"}],"message":"m"}',
    );
    expect(decoded?.issues).toEqual([{ path: 'a', message: 'b' }]);
    expect(decoded?.details).toBeUndefined();
  });

  it('recognises alliance errors by class and by name', () => {
    expect(isAllianceError(error)).toBe(true);
    expect(hasErrorCode(error, 'VALIDATION_FAILED')).toBe(true);
    expect(hasErrorCode(error, 'NOT_FOUND')).toBe(false);
    const foreign = Object.assign(new Error('x'), { name: 'AllianceError', code: 'NOT_FOUND' });
    expect(isAllianceError(foreign)).toBe(true);
    expect(isAllianceError(new Error('x'))).toBe(false);
  });
});
