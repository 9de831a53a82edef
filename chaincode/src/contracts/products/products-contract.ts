/** Contract `products`: brands' product specifications (rules 22, 31, 34). */
import { canonicalJson } from '../../ledger/json';
import {
  parseListProductsInput,
  parseProductRefInput,
  parseRegisterProductInput,
  parseReviseProductInput,
} from '../../model/product';
import { PRODUCTS_ACCESS } from '../../rules/roles';
import { AllianceContract } from '../base';
import type { AllianceContext } from '../context';
import { getProduct, listProducts, registerProduct, reviseProduct } from './specifications';

/** The `products` contract. */
export class ProductsContract extends AllianceContract {
  constructor() {
    super('products', PRODUCTS_ACCESS);
  }

  /** Registers a specification owned by the caller's brand. */
  async RegisterProduct(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await registerProduct(ctx, ctx.input(parseRegisterProductInput)));
  }

  /** Revises a specification (owner only): the full new specification and a reason. */
  async ReviseProduct(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await reviseProduct(ctx, ctx.input(parseReviseProductInput)));
  }

  /** One specification: `{productId}`. */
  async GetProduct(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await getProduct(ctx, ctx.input(parseProductRefInput).productId));
  }

  /** Specifications of one brand (`{brandMspId}`) or all. */
  async ListProducts(ctx: AllianceContext): Promise<string> {
    const { brandMspId } = ctx.optionalInput(parseListProductsInput, {});
    return canonicalJson(await listProducts(ctx, brandMspId));
  }
}
