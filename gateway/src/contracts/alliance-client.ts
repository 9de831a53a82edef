import { connectAlliance, type AllianceConnectOptions, type AllianceConnection } from '../connect/connection';
import type { RetryPolicy } from '../submit/retry-policy';
import { Audit } from './audit';
import { Calibrations } from './calibrations';
import { Instruments } from './instruments';
import { Lots } from './lots';
import { Members } from './members';
import { Policy } from './policy';
import { Products } from './products';
import { Reports } from './reports';
import { Runs } from './runs';
import { newTypedInvoker, type TypedInvoker } from './typed-invoker';
import { Verdicts } from './verdicts';
import { Verifications } from './verifications';

/** One identity's typed access to every alliance contract. */
export interface AllianceClient extends Disposable {
  readonly connection: AllianceConnection;
  /** The generic invoker, for transactions without a facade method yet. */
  readonly invoker: TypedInvoker;
  readonly members: Members;
  readonly policy: Policy;
  readonly products: Products;
  readonly instruments: Instruments;
  readonly calibrations: Calibrations;
  readonly runs: Runs;
  readonly reports: Reports;
  readonly lots: Lots;
  readonly verifications: Verifications;
  readonly verdicts: Verdicts;
  readonly audit: Audit;
  /** Closes the connection. */
  close(): void;
}

/**
 * Connects and returns the typed facades.
 * @example
 * ```ts
 * using client = connectAllianceClient({ identity: 'supplier/User1' });
 * const { txId, blockNumber, result } = await client.lots.register({ ... });
 * ```
 */
export function connectAllianceClient(
  options: Readonly<AllianceConnectOptions & { retry?: RetryPolicy }>,
): AllianceClient {
  const connection = connectAlliance(options);
  return allianceClientOver(connection, newTypedInvoker(connection, options.retry));
}

/**
 * The typed facades over an invoker of one's own, for callers that wrap submission (to wait for
 * every peer after each commit, say) on an open connection, which closing the client closes.
 */
export function allianceClientOver(connection: AllianceConnection, invoker: TypedInvoker): AllianceClient {
  const close = (): void => {
    connection.close();
  };
  return {
    connection,
    invoker,
    members: new Members(invoker),
    policy: new Policy(invoker),
    products: new Products(invoker),
    instruments: new Instruments(invoker),
    calibrations: new Calibrations(invoker),
    runs: new Runs(invoker),
    reports: new Reports(invoker),
    lots: new Lots(invoker),
    verifications: new Verifications(invoker),
    verdicts: new Verdicts(invoker),
    audit: new Audit(invoker),
    close,
    [Symbol.dispose]: close,
  };
}
