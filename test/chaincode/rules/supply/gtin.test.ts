import {
  gs1CheckDigit,
  gtin14Problem,
  lgtin,
  lotNumberProblem,
  parseLgtin,
} from '../../../../chaincode/src/rules/supply/gtin';

describe('GTIN-14 and LGTIN', () => {
  it('computes GS1 check digits on published examples', () => {
    expect(gs1CheckDigit('0950600013435')).toBe(2); // 09506000134352, GS1's own example GTIN
    expect(gs1CheckDigit('0061414100001')).toBe(2);
    expect(gs1CheckDigit('1234567890123')).toBe(1);
    expect(gs1CheckDigit('0000000000000')).toBe(0);
    expect(gs1CheckDigit('0000000000001')).toBe(7);
    expect(gs1CheckDigit('0000000000010')).toBe(9);
  });

  it('accepts a valid GTIN-14 and names the expected check digit otherwise', () => {
    expect(gtin14Problem('09506000134352')).toBeUndefined();
    expect(gtin14Problem('09506000134353')).toBe('check digit must be 2');
    expect(gtin14Problem('9506000134352')).toBe('a GTIN-14 is exactly 14 digits');
    expect(gtin14Problem('095060001343521')).toBe('a GTIN-14 is exactly 14 digits');
    expect(gtin14Problem('0950600013435A')).toBe('a GTIN-14 is exactly 14 digits');
    expect(gtin14Problem(' 09506000134352')).toBe('a GTIN-14 is exactly 14 digits');
  });

  it('checks lot numbers against GS1 AI 10', () => {
    expect(lotNumberProblem('L2026-05.A')).toBeUndefined();
    expect(lotNumberProblem('A')).toBeUndefined();
    expect(lotNumberProblem('12345678901234567890')).toBeUndefined();
    expect(lotNumberProblem('123456789012345678901')).toBeDefined();
    expect(lotNumberProblem('')).toBeDefined();
    expect(lotNumberProblem('has space')).toBeDefined();
    expect(lotNumberProblem('x\ny')).toBeDefined();
  });

  it('builds and splits lot ids, keeping dots inside the lot', () => {
    expect(lgtin('09506000134352', 'L.1')).toBe('09506000134352.L.1');
    expect(parseLgtin('09506000134352.L.1')).toEqual({ gtin: '09506000134352', lot: 'L.1' });
    expect(parseLgtin('09506000134352')).toEqual({ problem: 'an LGTIN is "<GTIN-14>.<lot>"' });
    expect(parseLgtin('09506000134353.L1')).toEqual({ problem: 'check digit must be 2' });
    expect(parseLgtin('09506000134352.')).toHaveProperty('problem');
  });
});
