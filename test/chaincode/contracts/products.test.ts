import type { ProductSpecification } from '@alliance/chaincode/model';
import { bootstrappedAlliance } from '../support';

export const SPEC = {
  productId: 'P-TURMERIC-500',
  name: 'Turmeric 500 mg capsules',
  maxDailyServingG: 2,
  formula: [
    { material: '09506000123452', gramsPerServing: 0.5, botanical: true },
    { material: '09506000999996', gramsPerServing: 0.5 },
  ],
  requiredAnalytes: [{ material: '09506000123452', analytes: ['Pb', 'Cd', 'As-total', 'Hg-total'] }],
  limitRegime: 'USP',
  foodCategory: 'dietary supplement capsule',
};

describe('products', () => {
  it('registers a brand-owned specification and revises it with a reason', async () => {
    const { h, users } = await bootstrappedAlliance();
    const spec = await h.ok<ProductSpecification>(users.brandAdmin, 'products:RegisterProduct', SPEC);
    expect(spec).toMatchObject({ brandMspId: 'BrandMSP', version: 1, maxDailyServingG: 2 });
    expect(h.keyPolicy(h.compositeKey('product', [SPEC.productId]))).toEqual({
      mspIds: ['BrandMSP'],
      required: 1,
    });
    expect((await h.refused(users.brandAdmin, 'products:RegisterProduct', SPEC)).code).toBe('ALREADY_EXISTS');

    const revised = await h.ok<ProductSpecification>(users.brandAdmin, 'products:ReviseProduct', {
      ...SPEC,
      maxDailyServingG: 3,
      reason: 'label change',
    });
    expect(revised).toMatchObject({ version: 2, maxDailyServingG: 3 });
    expect(revised.updated.reason).toBe('label change');
    expect(await h.ok(users.labAnalyst, 'products:GetProduct', { productId: SPEC.productId })).toEqual(
      revised,
    );
    expect(
      await h.ok<ProductSpecification[]>(users.auditor, 'products:ListProducts', { brandMspId: 'OtherMSP' }),
    ).toEqual([]);
    expect(await h.ok<ProductSpecification[]>(users.auditor, 'products:ListProducts')).toHaveLength(1);
  });

  it('lets only the owning brand revise', async () => {
    const { h, users } = await bootstrappedAlliance();
    await h.ok(users.platformAdmin, 'members:AddMember', {
      mspId: 'Brand2MSP',
      name: 'Brand two',
      roles: ['MANUFACTURER'],
      reason: 'joined',
    });
    await h.ok(users.brandAdmin, 'products:RegisterProduct', SPEC);
    const other = await h.user('Brand2MSP', 'admin');
    const error = await h.refused(other, 'products:ReviseProduct', { ...SPEC, reason: 'hijack' });
    expect(error.code).toBe('NOT_OWNER');
  });

  it('requires a maximum daily serving and consistent analytes', async () => {
    const { h, users } = await bootstrappedAlliance();
    const { maxDailyServingG: _omitted, ...noServing } = SPEC;
    expect(
      (await h.refused(users.brandAdmin, 'products:RegisterProduct', noServing)).issues.map((i) => i.path),
    ).toEqual(['maxDailyServingG']);
    const invalid = await h.refused(users.brandAdmin, 'products:RegisterProduct', {
      ...SPEC,
      limitRegime: 'EU',
      maxDailyServingG: 0,
    });
    expect(invalid.issues.map((i) => i.path).sort()).toEqual(['limitRegime', 'maxDailyServingG']);
    const stray = await h.refused(users.brandAdmin, 'products:RegisterProduct', {
      ...SPEC,
      requiredAnalytes: [{ material: 'not-in-formula', analytes: ['Pb'] }],
    });
    expect(stray.issues).toEqual([{ path: 'requiredAnalytes.0.material', message: 'is not in the formula' }]);
    expect((await h.refused(users.supplierAdmin, 'products:RegisterProduct', SPEC)).code).toBe('ROLE_DENIED');
    expect((await h.refused(users.brandUser, 'products:RegisterProduct', SPEC)).code).toBe('ROLE_DENIED');
  });
});
