/**
 * Every transaction of every contract the chaincode exports, with its access rule, so the
 * generic tests cover each area's transactions as soon as its contract is exported.
 */
import { contracts } from '@alliance/chaincode';
import { AllianceContract } from '@alliance/chaincode/contracts/base';
import type { AccessRule } from '@alliance/chaincode/rules/roles';

/** One transaction as clients call it. */
export interface RegisteredTransaction {
  /** `<contract>:<Tx>` */
  fn: string;
  contract: string;
  tx: string;
  /** undefined when the contract's access table lacks it (a test failure of its own). */
  rule: AccessRule | undefined;
}

/** Instances of every exported contract. */
export function contractInstances(): AllianceContract[] {
  return contracts.map((ContractClass) => new ContractClass());
}

/** Every transaction of every exported contract. */
export function registeredTransactions(): RegisteredTransaction[] {
  return contractInstances().flatMap((contract) =>
    AllianceContract.transactionNames(contract).map((tx) => ({
      fn: `${contract.getName()}:${tx}`,
      contract: contract.getName(),
      tx,
      rule: contract.ruleFor(tx),
    })),
  );
}
