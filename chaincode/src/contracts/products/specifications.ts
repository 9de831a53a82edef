/**
 * Product specifications: registered by a brand (MANUFACTURER), owned by it through a key-level
 * endorsement policy, revised only by it with a reason; every version stays in the key history.
 */
import { AllianceError } from '../../model/errors';
import type { ProductSpecification, RegisterProductInput, ReviseProductInput } from '../../model/product';
import type { AllianceContext } from '../context';
import { PRODUCT_KEY_TYPE, productKey } from './keys';

/** The specification of `productId`. @throws AllianceError NOT_FOUND */
export async function getProduct(ctx: AllianceContext, productId: string): Promise<ProductSpecification> {
  return ctx.store.mustGet<ProductSpecification>(
    productKey(ctx.store, productId),
    'NOT_FOUND',
    `product ${productId}`,
  );
}

/** Every specification, optionally of one brand, by product id. */
export async function listProducts(
  ctx: AllianceContext,
  brandMspId?: string,
): Promise<ProductSpecification[]> {
  const all = (await ctx.store.list<ProductSpecification>(PRODUCT_KEY_TYPE, [])).map((e) => e.value);
  return brandMspId === undefined ? all : all.filter((p) => p.brandMspId === brandMspId);
}

function specFields(input: RegisterProductInput) {
  return {
    productId: input.productId,
    name: input.name,
    maxDailyServingG: input.maxDailyServingG,
    formula: input.formula,
    requiredAnalytes: input.requiredAnalytes,
    limitRegime: input.limitRegime,
    foodCategory: input.foodCategory,
  };
}

/** Registers a specification owned by the caller's organisation. @throws AllianceError ALREADY_EXISTS */
export async function registerProduct(
  ctx: AllianceContext,
  input: RegisterProductInput,
): Promise<ProductSpecification> {
  const key = productKey(ctx.store, input.productId);
  if (await ctx.store.exists(key)) {
    throw new AllianceError('ALREADY_EXISTS', `product ${input.productId} already exists`, {
      details: { productId: input.productId },
    });
  }
  const stamp = ctx.stamp();
  const spec: ProductSpecification = {
    ...specFields(input),
    brandMspId: ctx.caller.mspId,
    version: 1,
    created: stamp,
    updated: stamp,
  };
  await ctx.store.put(key, spec);
  await ctx.store.setOwners(key, [spec.brandMspId]);
  ctx.emit('product.registered', { kind: 'product', id: spec.productId }, { brandMspId: spec.brandMspId });
  return spec;
}

/** Replaces a specification with a new version. @throws AllianceError NOT_FOUND, NOT_OWNER */
export async function reviseProduct(
  ctx: AllianceContext,
  input: ReviseProductInput,
): Promise<ProductSpecification> {
  const current = await getProduct(ctx, input.productId);
  if (current.brandMspId !== ctx.caller.mspId) {
    throw new AllianceError('NOT_OWNER', `product ${input.productId} belongs to ${current.brandMspId}`, {
      details: { productId: input.productId, owner: current.brandMspId },
    });
  }
  const spec: ProductSpecification = {
    ...current,
    ...specFields(input),
    version: current.version + 1,
    updated: ctx.stamp(input.reason),
  };
  await ctx.store.put(productKey(ctx.store, input.productId), spec);
  ctx.emit(
    'product.revised',
    { kind: 'product', id: spec.productId },
    { version: spec.version, reason: input.reason },
  );
  return spec;
}
