import { checkMassBalance } from '../../../../chaincode/src/rules/supply/mass-balance';
import { MASS_UNITS, massFractionPerUnit, roundKg, toKg } from '../../../../chaincode/src/rules/supply/units';

describe('mass units', () => {
  it('converts every Rec 20 mass unit to kg', () => {
    expect(toKg(2, 'KGM')).toBe(2);
    expect(toKg(1500, 'GRM')).toBe(1.5);
    expect(toKg(2500000, 'MGM')).toBe(2.5);
    expect(toKg(0.25, 'TNE')).toBe(250);
    expect(toKg(10, 'LBR')).toBe(4.5359237);
    expect(toKg(16, 'ONZ')).toBe(0.45359237);
    expect(toKg(1, 'H87')).toBeUndefined();
    expect(MASS_UNITS).toEqual(['KGM', 'GRM', 'MGM', 'TNE', 'LBR', 'ONZ']);
  });

  it('keeps kg to the microgram so sums reach zero', () => {
    expect(roundKg(0.1 + 0.2)).toBe(0.3);
    expect(roundKg(1.0000000004)).toBe(1);
    expect(roundKg(1.000000002)).toBe(1.000000002);
  });

  it('knows concentration units as mass fractions', () => {
    expect(massFractionPerUnit('mg/kg')).toBe(1e-6);
    expect(massFractionPerUnit('µg/g')).toBe(1e-6);
    expect(massFractionPerUnit('ug/g')).toBe(1e-6);
    expect(massFractionPerUnit('µg/kg')).toBe(1e-9);
    expect(massFractionPerUnit('ug/kg')).toBe(1e-9);
    expect(massFractionPerUnit('ng/g')).toBe(1e-9);
    expect(massFractionPerUnit('mg/g')).toBe(1e-3);
    expect(massFractionPerUnit('%')).toBe(1e-2);
    expect(massFractionPerUnit('g/100g')).toBe(1e-2);
    expect(massFractionPerUnit('g/g')).toBe(1);
    expect(massFractionPerUnit('IU')).toBeUndefined();
  });
});

describe('mass balance (rule 32)', () => {
  it('draws in any unit against kg remaining and returns what is left', () => {
    const r = checkMassBalance([
      { lotId: 'a', quantity: 250, uom: 'GRM', remainingKg: 1 },
      { lotId: 'b', quantity: 0.5, uom: 'KGM', remainingKg: 0.5 },
    ]);
    expect(r).toEqual({ ok: true, remainingKg: { a: 0.75, b: 0 }, totalInputKg: 0.75 });
  });

  it('adds up repeated draws on one lot', () => {
    const r = checkMassBalance([
      { lotId: 'a', quantity: 0.6, uom: 'KGM', remainingKg: 1 },
      { lotId: 'a', quantity: 0.6, uom: 'KGM', remainingKg: 1 },
    ]);
    expect(r).toEqual({
      ok: false,
      problems: [{ kind: 'EXCEEDED', lotId: 'a', drawnKg: 1.2, remainingKg: 1 }],
    });
  });

  it('reports every problem: unknown units and overdraws', () => {
    const r = checkMassBalance([
      { lotId: 'a', quantity: 1, uom: 'LTR', remainingKg: 5 },
      { lotId: 'b', quantity: 1001, uom: 'GRM', remainingKg: 1 },
    ]);
    expect(r).toEqual({
      ok: false,
      problems: [
        { kind: 'UNKNOWN_UNIT', lotId: 'a', uom: 'LTR' },
        { kind: 'EXCEEDED', lotId: 'b', drawnKg: 1.001, remainingKg: 1 },
      ],
    });
  });

  it('allows drawing exactly what is left, even through float sums', () => {
    const r = checkMassBalance([
      { lotId: 'a', quantity: 0.1, uom: 'KGM', remainingKg: 0.3 },
      { lotId: 'a', quantity: 0.2, uom: 'KGM', remainingKg: 0.3 },
    ]);
    expect(r).toEqual({ ok: true, remainingKg: { a: 0 }, totalInputKg: 0.3 });
  });
});
