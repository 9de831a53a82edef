/** Keys of product specifications: `product` + [productId], owned by the brand (key-level policy). */
import type { LedgerStore } from '../../ledger/store';

/** Composite-key object type of product specifications. */
export const PRODUCT_KEY_TYPE = 'product';

/** The key of one product specification. */
export function productKey(store: LedgerStore, productId: string): string {
  return store.key(PRODUCT_KEY_TYPE, [productId]);
}
