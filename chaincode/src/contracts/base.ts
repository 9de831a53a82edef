/**
 * The base of every alliance contract. It fixes the conventions once:
 * - transactions are the public methods of the concrete class, declared `Tx(ctx)`: they read
 *   their one JSON argument through `ctx.input(parser)`. (Fabric's dispatcher checks the count of
 *   declared parameters before any chaincode code runs and answers a mismatch with an uncoded
 *   message; with none declared, arguments reach us and get a coded VALIDATION_FAILED.)
 *   Helpers must be module functions or `#private`, or they would become transactions.
 * - the caller is checked against the contract's access table before the transaction runs;
 *   a transaction without a rule is refused.
 * - every change of an existing record is written to the audit trail (rule 3) after the
 *   transaction succeeded, with the transaction's name as the reason when it states none.
 * - domain events are set as one chaincode event after the transaction succeeded.
 * - every failure reaches the client as an encoded {@link AllianceError}.
 */
import { Contract, type Context } from 'fabric-contract-api';
import { AllianceError } from '../model/errors';
import type { AccessRule, AccessTable } from '../rules/roles';
import { requireRole } from './access';
import { AllianceContext } from './context';
import { toChaincodeError } from './errors';

type TransactionFn = (ctx: AllianceContext) => Promise<unknown>;

function asAllianceContext(ctx: Context): AllianceContext {
  if (!(ctx instanceof AllianceContext)) throw new Error('the context was not created by AllianceContract');
  return ctx;
}

/** The base class of the alliance contracts. */
export abstract class AllianceContract extends Contract {
  /**
   * @param name the contract name clients address (`<name>:<Tx>`)
   * @param access who may call each transaction of this contract
   */
  protected constructor(
    name: string,
    readonly access: AccessTable,
  ) {
    super(name);
  }

  /** The transaction names Fabric's dispatcher exposes for `contract` (its own public methods). */
  static transactionNames(contract: AllianceContract): string[] {
    const prototype = Object.getPrototypeOf(contract) as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype).filter(
      (name) => name !== 'constructor' && !name.startsWith('_') && typeof prototype[name] === 'function',
    );
  }

  /** The access rule of transaction `fn`, if the table has one. */
  ruleFor(fn: string): AccessRule | undefined {
    return Object.prototype.hasOwnProperty.call(this.access, fn) ? this.access[fn] : undefined;
  }

  /** A fresh {@link AllianceContext} per transaction. */
  override createContext(): AllianceContext {
    return new AllianceContext();
  }

  /**
   * Checks the argument count and the caller, then runs the transaction. The contract API's
   * typings call `fn` a function; at run time it is the transaction's name.
   */
  override async aroundTransaction(ctx: Context, fn: unknown, parameters: unknown): Promise<void> {
    try {
      const context = asAllianceContext(ctx);
      const name = String(fn);
      const args = Array.isArray(parameters) ? (parameters as unknown[]) : [];
      if (args.length > 1) {
        throw new AllianceError(
          'VALIDATION_FAILED',
          `a transaction takes at most one JSON argument, got ${args.length}`,
          {
            issues: [{ path: '', message: 'expected one JSON object argument' }],
          },
        );
      }
      context.setArgument(args.length === 0 ? undefined : String(args[0]));
      context.setTransaction(`${this.getName()}:${name}`);
      const rule = this.ruleFor(name);
      if (rule === undefined) {
        throw new AllianceError('ROLE_DENIED', `${this.getName()}:${name} has no access rule`, {
          details: { reason: 'NO_ACCESS_RULE' },
        });
      }
      if (rule.bootstrap !== true) await requireRole(context, rule);
      const transaction = (this as unknown as Record<string, TransactionFn | undefined>)[name];
      if (transaction === undefined)
        throw new AllianceError('UNKNOWN_TRANSACTION', `no such transaction: ${name}`);
      const result = await transaction.call(this, context);
      await context.store.writeAuditTrail(context.changeOrigin());
      if (result !== undefined && typeof result !== 'string') {
        // The contract API's serializer cannot encode objects (see its class-transformer copy).
        throw new Error(`${this.getName()}:${name} returned ${typeof result}, not canonical JSON text`);
      }
      // The typings say void; the dispatcher hands the result to afterTransaction and the serializer.
      // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
      return result as void;
    } catch (error) {
      throw toChaincodeError(error);
    }
  }

  /** Sets the transaction's chaincode event: only reached when the transaction succeeded. */
  override async afterTransaction(ctx: Context, _result: unknown): Promise<void> {
    try {
      asAllianceContext(ctx).flushEvents();
    } catch (error) {
      throw toChaincodeError(error);
    }
    return Promise.resolve();
  }

  /** Refuses an unknown transaction name with UNKNOWN_TRANSACTION. */
  override async unknownTransaction(ctx: Context): Promise<void> {
    const { fcn } = ctx.stub.getFunctionAndParameters();
    return Promise.reject(
      toChaincodeError(
        new AllianceError('UNKNOWN_TRANSACTION', `no such transaction: ${fcn}`, { details: { fcn } }),
      ),
    );
  }
}
