import { MODEL_VERSION } from '@alliance/chaincode/model';

describe('model', () => {
  it('is importable without fabric-contract-api', () => {
    expect(MODEL_VERSION).toBe(1);
    expect(Object.keys(require.cache).some((k) => k.includes('fabric-contract-api'))).toBe(false);
  });
});
