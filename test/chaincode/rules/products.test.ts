import { dailyIngredientGrams, requiredAnalytesFor, servingSizeG } from '@alliance/chaincode/rules/products';

const spec = {
  maxDailyServingG: 3,
  formula: [
    { material: 'turmeric', gramsPerServing: 0.9 },
    { material: 'pepper', gramsPerServing: 0.1 },
    { material: 'cellulose', gramsPerServing: 0.5 },
  ],
  requiredAnalytes: [{ material: 'turmeric', analytes: ['Pb', 'Cd'] }],
};

describe('product specification arithmetic', () => {
  it('weighs one serving as the sum of its formula', () => {
    expect(servingSizeG(spec)).toBeCloseTo(1.5, 12);
  });

  it('scales each ingredient to the maximum daily serving (m_i of rule 34)', () => {
    const grams = dailyIngredientGrams(spec);
    expect(grams.turmeric).toBeCloseTo(1.8, 12);
    expect(grams.pepper).toBeCloseTo(0.2, 12);
    expect(grams.cellulose).toBeCloseTo(1.0, 12);
  });

  it('lists the analytes required for a material, none for others', () => {
    expect(requiredAnalytesFor(spec, 'turmeric')).toEqual(['Pb', 'Cd']);
    expect(requiredAnalytesFor(spec, 'pepper')).toEqual([]);
  });
});
