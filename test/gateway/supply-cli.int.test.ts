// The `lot`, `trace` and `verdict` CLI groups and the `tx verify`, `events` and `invoke` commands
// against the embedded network and the real chaincode: every command's success, and its
// wrong-role, bad-input and not-found failures with their exit codes and one-line messages.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { LotRecord } from '@alliance/chaincode/model';
import {
  commandsNotRun,
  data as d,
  expectCliFailure,
  expectCliRefusal,
  jsonOf,
  ok,
  startBootstrappedAlliance,
  type BootstrappedAlliance,
} from './support/alliance';
import { tempDir } from './support/pki';
import {
  GTIN_A,
  GTIN_B,
  GTIN_BATCH,
  lotInState,
  lotInput,
  productSpec,
  purchaseOrder,
  transformInput,
  when,
} from './support/supply';

jest.setTimeout(120_000);

let a: BootstrappedAlliance;
beforeAll(async () => {
  a = await startBootstrappedAlliance();
  await a.as('brand/Admin').products.register(productSpec());
});
afterAll(async () => {
  await a.stop();
});

const NOPE = `${GTIN_A}.NOPE`;

describe('CLI: lot, trace and verdict commands', () => {
  let lotId: string;
  let txId: string;

  it('moves a lot through custody and decisions with the lot commands', async () => {
    const registered = jsonOf<{ txId: string; result: LotRecord }>(
      await a.cli('supplier/User1', '--json', 'lot', 'register', ...d(lotInput(GTIN_A, 'K-1'))),
    );
    lotId = registered.result.id;
    txId = registered.txId;
    const po = purchaseOrder('K-1');
    ok(
      await a.cli(
        'supplier/User1',
        'lot',
        'pack',
        ...d({
          parentID: '009506000130000019',
          childQuantityList: [{ epcClass: lotId, quantity: 10, uom: 'KGM' }],
          ...when(),
        }),
      ),
    );
    ok(
      await a.cli(
        'supplier/User1',
        'lot',
        'ship',
        ...d({ lotId, to: 'BrandMSP', bizTransactionList: po, ...when() }),
      ),
    );
    ok(await a.cli('brand/User1', 'lot', 'receive', ...d({ lotId, bizTransactionList: po, ...when() })));
    ok(await a.cli('brand/User1', 'lot', 'sample', '-s', `lotId=${lotId}`, ...d(when())));
    ok(await a.cli('brand/User1', 'lot', 'start-testing', '-s', `lotId=${lotId}`, ...d(when())));
    expect((await a.cli('brand/Admin', 'lot', 'release', ...d({ lotId, ...when() }))).out).toMatch(
      /^committed tx [0-9a-f]{64} in block \d+\n[\s\S]*state\s+RELEASED/m,
    );
    expect((await a.cli('platform/auditor', 'lot', 'get', lotId)).out).toMatch(/^state\s+RELEASED$/m);
    expect((await a.cli('platform/auditor', 'lot', 'events', lotId)).out).toMatch(
      /^action\s.*\n-+.*\n.*commissioning/,
    );
    expect((await a.cli('platform/auditor', 'lot', 'holds', lotId)).out).toBe('(none)\n');

    const other = await lotInState(a, 'UNDER_TEST', GTIN_B, 'K-2');
    ok(
      await a.cli('brand/Admin', 'lot', 'reject', ...d({ lotId: other, reason: 'Pb over limit', ...when() })),
    );
    const [first] = await a.as('brand/Admin').lots.events({ lotId: other });
    ok(
      await a.cli(
        'brand/Admin',
        'lot',
        'declare-error',
        ...d({ lotId: other, eventId: first!.eventId, reason: 'quantity mistyped', correctiveEventIDs: [] }),
      ),
    );
    const recalled = await lotInState(a, 'RELEASED', GTIN_B, 'K-3');
    ok(
      await a.cli(
        'brand/Admin',
        'lot',
        'recall',
        ...d({ lotId: recalled, reason: 'label error', ...when() }),
      ),
    );
  });

  it('makes a batch, traces it forward and backward as trees, holds and lifts', async () => {
    const b = await lotInState(a, 'RELEASED', GTIN_B, 'K-4');
    ok(
      await a.cli(
        'brand/User1',
        'lot',
        'transform',
        ...d(
          transformInput('TR-K', 'FB-K', [
            { lotId, quantity: 10, uom: 'KGM' },
            { lotId: b, quantity: 5, uom: 'KGM' },
          ]),
        ),
      ),
    );
    const batch = `${GTIN_BATCH}.FB-K`;
    const forward = await a.cli('supplier/User1', 'trace', lotId, '--forward');
    expect(ok(forward).out).toBe(`went into (forward):\n${lotId}\n└─ ${batch}  (via TR-K)\n`);
    const backward = ok(await a.cli('supplier/User1', 'trace', batch, '--backward')).out;
    expect(backward).toMatch(
      new RegExp(`^made from \\(backward\\):\\n${batch}\\n├─ .*\\(via TR-K\\)\\n└─ .*\\(via TR-K\\)\\n$`),
    );
    expect(backward).toContain(lotId);
    const both = jsonOf<{ backward: unknown; forward: unknown }>(
      await a.cli('brand/User1', '--json', 'trace', batch),
    );
    expect(both).toMatchObject({ backward: { id: batch }, forward: { id: batch, children: [] } });

    const cause = { kind: 'MANUAL', refId: 'AUDIT-9', reason: 'supplier audit' };
    expect(
      jsonOf<{ result: { held: string[] } }>(
        await a.cli('platform/Admin', '--json', 'lot', 'flag', ...d({ lotIds: [lotId], cause })),
      ).result.held.sort(),
    ).toEqual([lotId, batch].sort());
    expect((await a.cli('brand/User1', 'lot', 'holds', batch)).out).toMatch(/MANUAL~AUDIT-9/);
    ok(
      await a.cli(
        'platform/Admin',
        'lot',
        'lift-hold',
        ...d({ lotId, holdId: 'MANUAL~AUDIT-9', basis: 'CAUSE_CLOSED', reason: 'closed' }),
      ),
    );
  });

  it('gives verdicts and badges', async () => {
    expect((await a.cli('brand/User1', 'verdict', 'get', lotId)).out).toMatch(/^releasable\s+true$/m);
    expect(
      jsonOf<{ result: { trustedSource: boolean } }>(
        await a.cli(
          'platform/auditor',
          '--json',
          'verdict',
          'assess-badge',
          '-s',
          'supplier=SupplierMSP',
          '-s',
          `gtin=${GTIN_A}`,
        ),
      ).result.trustedSource,
    ).toBe(false);
    expect(
      (await a.cli('brand/User1', 'verdict', 'badge', '-s', 'supplier=SupplierMSP', '-s', `gtin=${GTIN_A}`))
        .out,
    ).toMatch(/^trustedSource\s+false$/m);
    expect(
      (await a.cli('brand/User1', 'verdict', 'badge', '-s', 'supplier=SupplierMSP', '-s', `gtin=${GTIN_B}`))
        .out,
    ).toBe('(nothing)\n');
  });

  it('ran every command of the lot and verdict groups successfully', () => {
    expect(commandsNotRun(a, ['lot', 'verdict'])).toEqual([]);
  });

  it('exits 2 naming the code, with no stack trace, on wrong role, bad input and not found', async () => {
    expectCliRefusal(
      await a.cli('lab/analyst', 'lot', 'register', ...d(lotInput(GTIN_A, 'K-X'))),
      'ROLE_DENIED',
    );
    expectCliRefusal(await a.cli('brand/User1', 'lot', 'release', ...d({ lotId, ...when() })), 'ROLE_DENIED');
    expectCliRefusal(
      await a.cli(
        'supplier/User1',
        'lot',
        'flag',
        ...d({ lotIds: [lotId], cause: { kind: 'MANUAL', refId: 'X', reason: 'x' } }),
      ),
      'ROLE_DENIED',
    );
    const bad = await a.cli(
      'supplier/User1',
      'lot',
      'register',
      ...d({ ...lotInput('09506000134353', 'K-Y') }),
    );
    expectCliRefusal(bad, 'VALIDATION_FAILED');
    expect(bad.err).toMatch(/\n {2}- gtin: check digit must be 2/);
    expectCliRefusal(await a.cli('brand/User1', 'lot', 'get', 'not-a-lot'), 'VALIDATION_FAILED');
    expectCliRefusal(await a.cli('brand/User1', 'lot', 'get', NOPE), 'LOT_NOT_FOUND');
    expectCliRefusal(
      await a.cli('brand/Admin', 'lot', 'reject', ...d({ lotId: NOPE, reason: 'r', ...when() })),
      'LOT_NOT_FOUND',
    );
    expectCliRefusal(await a.cli('brand/User1', 'trace', NOPE, '--backward'), 'LOT_NOT_FOUND');
    expectCliRefusal(await a.cli('brand/User1', 'trace', 'bad id'), 'VALIDATION_FAILED');
    expectCliRefusal(await a.cli('brand/User1', 'verdict', 'get', NOPE), 'LOT_NOT_FOUND');
    expectCliRefusal(
      await a.cli('brand/User1', 'verdict', 'assess-badge', '-s', 'supplier=SupplierMSP', '-s', 'gtin=1'),
      'VALIDATION_FAILED',
    );
    expectCliFailure(await a.cli('brand/User1', 'lot', 'get'), 2, /VALIDATION_FAILED/);
    // Usage errors found by the parser come in its own words, followed by the group's help.
    const unknown = await a.cli('brand/User1', 'lot', 'nonsense');
    expect(unknown).toMatchObject({ code: 1, out: '' });
    expect(unknown.err).toMatch(/^error: unknown command 'nonsense'\n[\s\S]*Usage: alliance lot/);
    expect(unknown.err).not.toMatch(/\n\s+at /);
  });

  it('`tx verify` exits 0 on a committed transaction, 1 on a malformed id or unknown identity, 4 on a transaction not on the ledger', async () => {
    const store = ['--trust-store', join(tempDir(), 'trusted.json')];
    expect(ok(await a.cli('brand/User1', 'tx', 'verify', txId, ...store)).out).toMatch(/\nVERIFIED\n$/);
    expect(
      jsonOf<{ verified: boolean }>(
        await a.cli('lab/User1', '--json', 'tx', 'verify', a.bootstrapTxId, ...store),
      ).verified,
    ).toBe(true);
    expectCliFailure(
      await a.cli('brand/User1', 'tx', 'verify', 'xyz', ...store),
      1,
      /"xyz" is not a transaction id/,
    );
    expectCliFailure(
      await a.cli('brand/User1', 'tx', 'verify', 'f'.repeat(64), ...store),
      4,
      /^alliance: transaction f{64} is not on the ledger this peer holds/,
    );
    expectCliFailure(await a.cli('brand/Nobody', 'tx', 'verify', txId, ...store), 1, /IDENTITY_NOT_FOUND/);
  });

  it('`events` prints domain events up to --limit and refuses a malformed limit, block or checkpoint', async () => {
    const events = ok(await a.cli('brand/User1', '--json', 'events', '--limit', '3'))
      .out.trim()
      .split(/\n(?=\{)/)
      .map((t) => JSON.parse(t) as { id: string });
    expect(events.map((e) => e.id)).toEqual([
      `${a.bootstrapTxId}:0`,
      expect.stringMatching(/:\d+$/) as string,
      expect.stringMatching(/:\d+$/) as string,
    ]);
    expect(ok(await a.cli('brand/User1', 'events', '--limit', '1', '--from-block', '2')).out).toMatch(
      /^block \d+ {2}\S+/,
    );
    expectCliFailure(
      await a.cli('brand/User1', 'events', '--limit', 'many'),
      1,
      /--limit expects a whole number/,
    );
    expectCliFailure(
      await a.cli('brand/User1', 'events', '--from-block', '-1'),
      1,
      /--from-block expects a whole number/,
    );
    const broken = join(tempDir(), 'checkpoint.json');
    writeFileSync(broken, 'not json');
    expectCliFailure(
      await a.cli('brand/User1', 'events', '--checkpoint', broken, '--limit', '1'),
      1,
      /CHECKPOINT_INVALID/,
    );
  });

  it('`invoke` calls any transaction, and fails with the right exit code', async () => {
    expect(
      jsonOf<{ mspId: string }[]>(
        await a.cli('lab/User1', '--json', 'invoke', 'members:ListMembers', '--evaluate'),
      ).length,
    ).toBe(5);
    expect(
      ok(
        await a.cli(
          'platform/Admin',
          'invoke',
          'lots:FlagLots',
          ...d({ lotIds: [lotId], cause: { kind: 'MANUAL', refId: 'INV-1', reason: 'invoke' } }),
        ),
      ).out,
    ).toMatch(/^committed tx/);
    expectCliRefusal(
      await a.cli(
        'supplier/User1',
        'invoke',
        'members:AddMember',
        ...d({ mspId: 'XMSP', name: 'X', roles: ['LAB'], reason: 'r' }),
      ),
      'ROLE_DENIED',
    );
    expectCliRefusal(
      await a.cli('supplier/User1', 'invoke', 'lots:GetLot', '--evaluate', ...d({ lotId: NOPE })),
      'LOT_NOT_FOUND',
    );
    expectCliRefusal(
      await a.cli('supplier/User1', 'invoke', 'lots:GetLot', '--evaluate', ...d({ lot: 1 })),
      'VALIDATION_FAILED',
    );
    expectCliRefusal(
      await a.cli('supplier/User1', 'invoke', 'lots:NoSuchTransaction', '--evaluate'),
      'UNKNOWN_TRANSACTION',
    );
    expectCliFailure(
      await a.cli('supplier/User1', 'invoke', 'nothing'),
      1,
      /is not <contract>:<Transaction>/,
    );
    expectCliFailure(
      await a.cli('supplier/User1', 'invoke', 'members:ListMembers', '-d', '{oops'),
      1,
      /--data is not valid JSON/,
    );
  });
});
