import {
  parseListProductsInput,
  parseProductRefInput,
  parseRegisterProductInput,
  parseReviseProductInput,
  type ProductSpecification,
} from '@alliance/chaincode/model';
import type { InputOf } from './model-types';
import { transaction, type Committed, type TypedInvoker } from './typed-invoker';

/** The contract's transactions, as the facade and the CLI call them. */
export const PRODUCTS_TRANSACTIONS = {
  register: transaction<InputOf<typeof parseRegisterProductInput>, ProductSpecification>(
    'products',
    'RegisterProduct',
    'submit',
    parseRegisterProductInput,
  ),
  revise: transaction<InputOf<typeof parseReviseProductInput>, ProductSpecification>(
    'products',
    'ReviseProduct',
    'submit',
    parseReviseProductInput,
  ),
  get: transaction<InputOf<typeof parseProductRefInput>, ProductSpecification>(
    'products',
    'GetProduct',
    'evaluate',
    parseProductRefInput,
  ),
  list: transaction<InputOf<typeof parseListProductsInput>, ProductSpecification[]>(
    'products',
    'ListProducts',
    'evaluate',
    parseListProductsInput,
  ),
} as const;

/** The `products` contract: brand-owned product specifications (formula, limits, required analytes). */
export class Products {
  readonly #invoker: TypedInvoker;

  /** @param invoker - the typed invoker to call through */
  constructor(invoker: TypedInvoker) {
    this.#invoker = invoker;
  }

  /** Registers a product specification (brand). */
  register(input: InputOf<typeof parseRegisterProductInput>): Promise<Committed<ProductSpecification>> {
    return this.#invoker.submit(PRODUCTS_TRANSACTIONS.register, input);
  }
  /** Revises a specification, with a reason. */
  revise(input: InputOf<typeof parseReviseProductInput>): Promise<Committed<ProductSpecification>> {
    return this.#invoker.submit(PRODUCTS_TRANSACTIONS.revise, input);
  }
  /** One specification. */
  get(input: InputOf<typeof parseProductRefInput>): Promise<ProductSpecification> {
    return this.#invoker.evaluate(PRODUCTS_TRANSACTIONS.get, input);
  }
  /** Specifications of one brand, or all. */
  list(input: InputOf<typeof parseListProductsInput> = {}): Promise<ProductSpecification[]> {
    return this.#invoker.evaluate(PRODUCTS_TRANSACTIONS.list, input);
  }
}
