/**
 * A bootstrapped five-member alliance with the real chaincode on the suites' runtime (embedded,
 * or real Fabric with ALLIANCE_RUNTIME=fabric), shared by
 * one integration test file: typed clients per identity, the CLI run in-process, and the
 * assertions every refusal test makes (typed error, exit code, a one-line message on stderr).
 */
import {
  ChaincodeError,
  allianceClientOver,
  connectAlliance,
  newTypedInvoker,
  peerLedgerSource,
  runCli,
  type AllianceClient,
  type TypedInvoker,
} from '@alliance/gateway';
import { COMMAND_GROUPS } from '@alliance/gateway/cli/command-table';
import type { ErrorCode, FoundingMember } from '@alliance/chaincode/model';
import type { NetworkDefinition } from '@alliance/network/definition';
import { testDefinition, type TestNetwork } from '../../network/harness/network';
import { startRuntimeNetwork } from '../../network/support/runtime';
import { ALLIANCE_CHAINCODE_DIR } from './alliance-network';

/** The founding registry of the default network's five members. */
export const ALLIANCE_MEMBERS: FoundingMember[] = [
  { mspId: 'PlatformMSP', name: 'Platform', roles: ['PLATFORM', 'ACCREDITATION_REGISTRAR', 'AUDITOR'] },
  { mspId: 'BrandMSP', name: 'Brand', roles: ['MANUFACTURER'] },
  { mspId: 'SupplierMSP', name: 'Supplier', roles: ['SUPPLIER', 'IMPORTER'] },
  { mspId: 'LabMSP', name: 'Overseas lab', roles: ['LAB'] },
  { mspId: 'VerifierMSP', name: 'Domestic verifier', roles: ['LAB', 'VERIFIER'] },
];

/** What one CLI run printed and how it ended. */
export interface CliOutcome {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** A started, bootstrapped alliance for one test file. */
export interface BootstrappedAlliance {
  readonly net: TestNetwork;
  readonly profilePath: string;
  /** The bootstrap transaction (platform/Admin). */
  readonly bootstrapTxId: string;
  /** The typed client of `org/user`, opened once and closed by stop(); each submit returns once every peer has its block. */
  as(identity: string): AllianceClient;
  /**
   * Waits until every org's peer has committed every block any peer has: each peer commits on its
   * own, and a commit status speaks for the submitter's peer only, so a read through another org's
   * peer right after a submit may not see it yet (as on real Fabric).
   */
  settle(): Promise<void>;
  /** Runs `alliance --profile … --as identity …args` in-process, with the peers settled before and after. */
  cli(identity: string, ...args: string[]): Promise<CliOutcome>;
  /** `group command` pairs that ran with exit code 0. */
  readonly succeeded: ReadonlySet<string>;
  /** Closes every client and stops the network. */
  stop(): Promise<void>;
}

/**
 * The default network's five orgs on free ports (the brand's `approver` e-signs verification
 * protocols, as a case's requester must).
 */
function allianceDefinition(): NetworkDefinition {
  return testDefinition({ orgs: 5, chaincode: 'provenance' });
}

/**
 * The facades over an invoker whose submits wait for every peer to commit: the next step, often
 * another org's, is then endorsed on peers that all see the previous one, as a member's node
 * would wait for its own peer before acting on what another org did.
 */
function settlingClient(
  connection: ReturnType<typeof connectAlliance>,
  settle: () => Promise<void>,
): AllianceClient {
  const plain = newTypedInvoker(connection);
  const invoker: TypedInvoker = {
    connection,
    evaluate: (spec, input) => plain.evaluate(spec, input),
    submit: async (spec, input) => {
      const committed = await plain.submit(spec, input);
      await settle();
      return committed;
    },
  };
  return allianceClientOver(connection, invoker);
}

/**
 * Starts the network and runs the one-time bootstrap as platform/Admin, through the facade or,
 * with `bootstrapWithCli`, through `alliance member bootstrap` (which can succeed only once).
 */
export async function startBootstrappedAlliance(
  opts: { bootstrapWithCli?: boolean } = {},
): Promise<BootstrappedAlliance> {
  const net = await startRuntimeNetwork(allianceDefinition(), ALLIANCE_CHAINCODE_DIR);
  const profilePath = net.network.profilePath;
  const clients = new Map<string, AllianceClient>();
  const succeeded = new Set<string>();
  const as = (identity: string): AllianceClient => {
    let c = clients.get(identity);
    if (!c) {
      c = settlingClient(connectAlliance({ profile: profilePath, identity }), () => settle());
      clients.set(identity, c);
    }
    return c;
  };
  const settle = async (): Promise<void> => {
    const sources = net.definition.orgs.map((o) => peerLedgerSource(as(`${o.name}/User1`).connection));
    for (let tries = 0; tries < 200; tries++) {
      const heights = await Promise.all(sources.map((s) => s.height()));
      if (heights.every((h) => h === heights[0])) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the peers did not reach the same height within 5 s');
  };
  const cli = async (identity: string, ...args: string[]): Promise<CliOutcome> => {
    await settle();
    let out = '';
    let err = '';
    const r = await runCli(['--profile', profilePath, '--as', identity, ...args], {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
    });
    await settle();
    const [group, command] = args.filter((a) => a !== '--json');
    if (r.exitCode === 0 && group) succeeded.add(`${group} ${command ?? ''}`.trim());
    return { code: r.exitCode, out, err };
  };
  const stop = async (): Promise<void> => {
    for (const c of clients.values()) c.close();
    await net.stop();
  };
  try {
    const bootstrapTxId = opts.bootstrapWithCli
      ? jsonOf<{ txId: string }>(
          await cli(
            'platform/Admin',
            '--json',
            'member',
            'bootstrap',
            '-d',
            JSON.stringify({ members: ALLIANCE_MEMBERS }),
          ),
        ).txId
      : (await as('platform/Admin').members.bootstrap({ members: ALLIANCE_MEMBERS })).txId;
    return { net, profilePath, bootstrapTxId, as, settle, cli, succeeded, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Awaits a call that must be refused and checks the typed error: a {@link ChaincodeError} with this code. */
export async function refusedWith(call: Promise<unknown>, code: ErrorCode): Promise<ChaincodeError> {
  const e = await call.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ChaincodeError);
  expect(e).toMatchObject({ name: 'ChaincodeError', code });
  return e as ChaincodeError;
}

/** Checks a CLI run ended with `exit` and one clear `alliance: …` message naming `text`, with no stack trace. */
export function expectCliFailure(r: CliOutcome, exit: number, text: string | RegExp): void {
  expect({ code: r.code, out: r.out }).toEqual({ code: exit, out: '' });
  expect(r.err).toMatch(/^alliance: /);
  expect(r.err).toMatch(text);
  expect(r.err).not.toMatch(/\n\s+at /);
}

/** Checks a CLI refusal by the chaincode (exit 2) with the chaincode's code on stderr. */
export function expectCliRefusal(r: CliOutcome, code: ErrorCode): void {
  expectCliFailure(r, 2, new RegExp(`^alliance: refused by the chaincode: ${code}: `));
}

/** The `-d <json>` flags giving a CLI command its input. */
export const data = (input: unknown): string[] => ['-d', JSON.stringify(input)];

/** Checks a CLI run succeeded with nothing on stderr, and returns it. */
export function ok(r: CliOutcome): CliOutcome {
  expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
  return r;
}

/** Parses the JSON a `--json` run printed, as the shape the caller expects. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape of the CLI's JSON
export function jsonOf<T>(r: CliOutcome): T {
  expect(r).toMatchObject({ code: 0, err: '' });
  return JSON.parse(r.out) as T;
}

/** The commands of these CLI groups that no run has completed successfully. */
export function commandsNotRun(alliance: BootstrappedAlliance, groups: readonly string[]): string[] {
  return COMMAND_GROUPS.filter((g) => groups.includes(g.name))
    .flatMap((g) => g.commands.map((c) => `${g.name} ${c.name}`))
    .filter((name) => !alliance.succeeded.has(name));
}
