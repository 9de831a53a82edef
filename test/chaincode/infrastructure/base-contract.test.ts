import { createHash } from 'node:crypto';
import type { AuditTrailEntry } from '@alliance/chaincode/model';
import { LedgerHarness, RawArgs } from '../support';
import { ProbeContract } from './probe-contract';

describe('AllianceContract through the in-memory peer', () => {
  const h = new LedgerHarness([ProbeContract]);

  beforeAll(async () => {
    const admin = await h.user('PlatformMSP', 'admin');
    await h.ok(admin, 'probe:Seed', {
      members: [
        { mspId: 'PlatformMSP', roles: ['PLATFORM'], suspended: false },
        { mspId: 'LabMSP', roles: ['LAB'], suspended: false },
        { mspId: 'OldLabMSP', roles: ['LAB'], suspended: true },
      ],
    });
  });

  it('reads the caller from the real certificate: MSP, id, CN, alliance.role', async () => {
    const analyst = await h.user('LabMSP', 'analyst', 'Ana Lyst');
    h.setTime('2025-03-01T10:00:00.250Z');
    const who = await h.ok<{ caller: Record<string, unknown>; now: string; txId: string }>(
      analyst,
      'probe:Whoami',
    );
    expect(who.caller).toEqual({
      mspId: 'LabMSP',
      userId: 'x509::/CN=Ana Lyst/OU=client/O=LabMSP::/CN=ca.labmsp/O=LabMSP',
      printedName: 'Ana Lyst',
      userRole: 'analyst',
    });
    expect(who.now).toBe('2025-03-01T10:00:00.250Z');
    expect(who.txId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('commits writes only on success, without read-your-writes, and sets one event per tx', async () => {
    const analyst = await h.user('LabMSP', 'analyst');
    const result = await h.invoke(analyst, 'probe:Put', { key: 'a', value: '1' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(JSON.parse(result.payload)).toEqual({ readBack: null });
    expect(result.events.map((e) => [e.id, e.type])).toEqual([
      [`${result.txId}:0`, 'item.put'],
      [`${result.txId}:1`, 'item.seen'],
    ]);
    expect(h.state(h.compositeKey('item', ['a']))).toEqual({ value: '1' });
    const again = await h.ok<{ readBack: string }>(analyst, 'probe:Put', { key: 'a', value: '2' });
    expect(again).toEqual({ readBack: '1' });
    const committed = h.ledger.events.filter((e) => e.txId === result.txId);
    expect(committed).toHaveLength(1);
    expect(committed[0]!.name).toBe('alliance.events');
    expect(JSON.parse(committed[0]!.payload.toString())).toEqual({
      events: result.events,
      txId: result.txId,
    });
  });

  it('keeps nothing, not even the event, when the transaction fails', async () => {
    const analyst = await h.user('LabMSP', 'analyst');
    const before = h.ledger.snapshot();
    const eventsBefore = h.ledger.events.length;
    const error = await h.refused(analyst, 'probe:PutAndFail');
    expect(error.code).toBe('INVALID_STATE');
    expect(error.details).toEqual({ why: 'test' });
    expect(h.ledger.snapshot()).toEqual(before);
    expect(h.ledger.events).toHaveLength(eventsBefore);
  });

  it('evaluate never commits', async () => {
    const analyst = await h.user('LabMSP', 'analyst');
    const result = await h.evaluate(analyst, 'probe:Put', { key: 'evaluated', value: 'x' });
    expect(result.ok).toBe(true);
    expect(h.state(h.compositeKey('item', ['evaluated']))).toBeUndefined();
  });

  it.each([
    ['a user role the rule does not list', 'LabMSP', 'reviewer', 'ROLE_MISSING'],
    ['a certificate without alliance.role', 'LabMSP', undefined, 'ROLE_MISSING'],
    ['an org without the role', 'PlatformMSP', 'analyst', 'ROLE_MISSING'],
    ['a suspended member', 'OldLabMSP', 'analyst', 'MEMBER_SUSPENDED'],
    ['an unknown organisation', 'StrangerMSP', 'analyst', 'NOT_A_MEMBER'],
  ])('refuses %s with ROLE_DENIED', async (_label, mspId, role, reason) => {
    const caller = await h.user(mspId, role);
    const error = await h.refused(caller, 'probe:Put', { key: 'b', value: '1' });
    expect(error.code).toBe('ROLE_DENIED');
    expect(error.details).toMatchObject({ mspId, reason });
  });

  it('checks the role before looking at the argument', async () => {
    const stranger = await h.user('StrangerMSP', 'analyst');
    expect((await h.refused(stranger, 'probe:Put', 'not json')).code).toBe('ROLE_DENIED');
  });

  it('refuses a transaction without an access rule, and an unknown one', async () => {
    const analyst = await h.user('LabMSP', 'analyst');
    const unlisted = await h.refused(analyst, 'probe:Unlisted');
    expect(unlisted.code).toBe('ROLE_DENIED');
    expect(unlisted.details).toEqual({ reason: 'NO_ACCESS_RULE' });
    const unknown = await h.refused(analyst, 'probe:NoSuchThing');
    expect(unknown.code).toBe('UNKNOWN_TRANSACTION');
    expect(unknown.details).toEqual({ fcn: 'probe:NoSuchThing' });
  });

  it('answers bad arguments with VALIDATION_FAILED and every issue', async () => {
    const analyst = await h.user('LabMSP', 'analyst');
    const notJson = await h.refused(analyst, 'probe:Put', '{oops');
    expect(notJson.issues).toEqual([{ path: '', message: 'the argument is not valid JSON' }]);
    const missing = await h.refused(analyst, 'probe:Put');
    expect(missing.code).toBe('VALIDATION_FAILED');
    const twoArgs = await h.refused(analyst, 'probe:Put', new RawArgs(['{}', '{}']));
    expect(twoArgs.code).toBe('VALIDATION_FAILED');
    const wrong = await h.refused(analyst, 'probe:Put', { key: '', value: 3, extra: true });
    expect([...new Set(wrong.issues.map((i) => i.path))].sort()).toEqual(['', 'key', 'value']);
  });

  it('maps foreign errors to INTERNAL_ERROR without leaking their text', async () => {
    const analyst = await h.user('LabMSP', 'analyst');
    const result = await h.invoke(analyst, 'probe:Crash');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error?.code).toBe('INTERNAL_ERROR');
    expect(result.message).not.toContain('secret');
    expect(result.message).not.toContain('/srv');
  });

  it('scans composite keys in UTF-8 byte order', async () => {
    const analyst = await h.user('LabMSP', 'analyst');
    // U+FF5E sorts before U+1F600 in UTF-8 but after it in UTF-16 code units.
    for (const key of ['\u{1F600}', '\uFF5E', 'Z', 'a'])
      await h.ok(analyst, 'probe:Put', { key, value: key });
    const scanned = await h.ok<{ attrs: string[] }[]>(analyst, 'probe:Scan');
    expect(scanned.map((e) => e.attrs[0])).toEqual(['Z', 'a', '\uFF5E', '\u{1F600}']);
  });

  it('returns key history oldest first with transaction timestamps', async () => {
    const analyst = await h.user('LabMSP', 'analyst');
    h.setTime('2025-04-01T00:00:00Z');
    const first = await h.invoke(analyst, 'probe:Put', { key: 'h', value: 'one' });
    const second = await h.invoke(analyst, 'probe:Put', { key: 'h', value: 'two' });
    const history = await h.ok<{ txId: string; timestamp: string; value: { value: string } }[]>(
      analyst,
      'probe:History',
      { key: 'h' },
    );
    expect(history).toEqual([
      { txId: first.txId, timestamp: '2025-04-01T00:00:00.000Z', isDelete: false, value: { value: 'one' } },
      { txId: second.txId, timestamp: '2025-04-01T00:00:01.000Z', isDelete: false, value: { value: 'two' } },
    ]);
  });

  it('stores an N-of-M key-level policy as key metadata, visible after commit', async () => {
    const analyst = await h.user('LabMSP', 'analyst');
    const inTx = await h.ok<{ before: string[] }>(analyst, 'probe:Own', { key: 'owned' });
    expect(inTx.before).toEqual([]);
    const key = h.compositeKey('item', ['owned']);
    const policy = { mspIds: ['BrandMSP', 'LabMSP', 'VerifierMSP'], required: 2 };
    expect(h.keyPolicy(key)).toEqual(policy);
    // A later write of the key needs those endorsements; a write of another key does not.
    const rewrite = await h.invoke(analyst, 'probe:Put', { key: 'owned', value: 'changed' });
    expect(rewrite.ok && rewrite.keyPolicies).toEqual({ [key]: policy });
    const other = await h.invoke(analyst, 'probe:Put', { key: 'free', value: 'x' });
    expect(other.ok && other.keyPolicies).toEqual({});
  });
});

describe('the audit trail the store keeps', () => {
  const h = new LedgerHarness([ProbeContract]);
  const trailOf = (key: string): { key: string; value: AuditTrailEntry }[] =>
    h.ledger
      .range(
        h.compositeKey('audit~change', ['item', key]),
        `${h.compositeKey('audit~change', ['item', key])}\u{10FFFF}`,
      )
      .map(({ key: k, value }) => ({ key: k, value: JSON.parse(value.toString('utf8')) as AuditTrailEntry }));

  beforeAll(async () => {
    const admin = await h.user('PlatformMSP', 'admin');
    await h.ok(admin, 'probe:Seed', { members: [{ mspId: 'LabMSP', roles: ['LAB'], suspended: false }] });
  });

  it('writes an entry for a blind put over an existing key, with the transaction as its reason', async () => {
    const analyst = await h.user('LabMSP', 'analyst', 'Ana Lyst');
    h.setTime('2025-05-01T00:00:00Z');
    const created = await h.invoke(analyst, 'probe:Put', { key: 'blind', value: 'one' });
    expect(created.ok).toBe(true);
    expect(trailOf('blind')).toEqual([]);
    const changed = await h.invoke(analyst, 'probe:Put', { key: 'blind', value: 'two' });
    const entries = trailOf('blind');
    expect(entries.map((e) => e.key)).toEqual([
      h.compositeKey('audit~change', ['item', 'blind', '2025-05-01T00:00:01.000Z', changed.txId]),
    ]);
    const [versionOne, versionTwo] = h.ledger.history(h.compositeKey('item', ['blind'])).reverse();
    expect(entries[0]!.value).toEqual({
      record: { objectType: 'item', attributes: ['blind'] },
      txId: changed.txId,
      transaction: 'probe:Put',
      at: '2025-05-01T00:00:01.000Z',
      by: {
        mspId: 'LabMSP',
        userId: expect.stringContaining('CN=Ana Lyst') as string,
        printedName: 'Ana Lyst',
      },
      reason: 'probe:Put',
      previousVersionHash: createHash('sha256').update(versionOne!.value).digest('hex'),
      versionHash: createHash('sha256').update(versionTwo!.value).digest('hex'),
      changes: [{ field: 'value', kind: 'MODIFIED', old: 'one', new: 'two' }],
    });
  });

  it('describes what the transaction committed: the last put against the committed value', async () => {
    const analyst = await h.user('LabMSP', 'analyst');
    await h.ok(analyst, 'probe:Put', { key: 'seq', value: 'x' });
    await h.ok(analyst, 'probe:PutSequence', { key: 'seq', values: ['y', 'x'] });
    await h.ok(analyst, 'probe:Put', { key: 'seq', value: 'x' });
    expect(trailOf('seq')).toEqual([]);
    await h.ok(analyst, 'probe:PutSequence', { key: 'seq', values: ['y', 'z'], reason: 'corrected twice' });
    expect(trailOf('seq').map((e) => [e.value.reason, e.value.changes])).toEqual([
      ['corrected twice', [{ field: 'value', kind: 'MODIFIED', old: 'x', new: 'z' }]],
    ]);
  });

  it('lets no transaction write a trail entry of its own', async () => {
    const analyst = await h.user('LabMSP', 'analyst');
    const before = h.ledger.snapshot();
    expect((await h.refused(analyst, 'probe:ForgeTrail')).code).toBe('INTERNAL_ERROR');
    expect(h.ledger.snapshot()).toEqual(before);
  });
});
