import { connectChaincode, createTxSimulator, type ChaincodeStream } from '@alliance/network/chaincode';
import { startTestChaincode, type ChaincodeServer } from '../support/chaincode-server';
import { openSeededLedger, type SeededLedger } from '../support/seeded-ledger';
import { buildProposal } from '../support/proposals';
import { decodeRwSet } from '../support/decode-rwset';
import { createTestIdentity, type TestIdentity } from '../support/test-identities';

const CHANNEL = 'alliance';
const NS = 'testcc';
let server: ChaincodeServer;
let stream: ChaincodeStream;
let user: TestIdentity;
let seeded: SeededLedger;
const manyKeys = Array.from({ length: 250 }, (_, i) => `item${String(i).padStart(3, '0')}`);

beforeAll(async () => {
  [server, user] = await Promise.all([startTestChaincode(), createTestIdentity('Org1MSP', 'User1@org1')]);
  stream = await connectChaincode({ address: server.address, chaincodeId: server.chaincodeId });
  seeded = await openSeededLedger();
  await seeded.commit(
    [
      {
        txId: 'seed1',
        writes: [
          { ns: NS, key: 'k1', value: 'v1' },
          { ns: NS, key: 'k2', value: 'v2' },
        ],
      },
    ],
    {
      seconds: 1_700_000_000,
      nanos: 5,
    },
  );
  await seeded.commit([{ txId: 'seed2', writes: manyKeys.map((key) => ({ ns: NS, key, value: key })) }]);
  await seeded.commit([
    {
      txId: 'seed3',
      writes: [
        { ns: NS, key: 'k1', value: 'v1b' },
        { ns: NS, key: 'k2' },
      ],
    },
    { txId: 'seed4', writes: [{ ns: NS, key: '\u0000thing\u0000a\u0000b\u0000', value: 'composite' }] },
  ]);
}, 30_000);

afterAll(async () => {
  stream.close();
  await server.stop();
  await seeded.close();
});

async function run(fn: string, args: string[], opts: { timeoutMs?: number } = {}) {
  const proposal = buildProposal({
    identity: user,
    channelId: CHANNEL,
    chaincode: NS,
    args: [`test:${fn}`, ...args],
  });
  const simulator = createTxSimulator(
    seeded.ledger.state,
    (ns, key) => seeded.ledger.history(ns, key),
    proposal.txId,
  );
  const result = await stream.execute({
    channelId: CHANNEL,
    txId: proposal.txId,
    signedProposal: proposal.signedProposal,
    input: proposal.input,
    simulator,
    namespace: NS,
    timeoutMs: opts.timeoutMs ?? 10_000,
  });
  const payload = Buffer.from(result.response.getPayload_asU8()).toString('utf8');
  return {
    ...result,
    payload,
    status: result.response.getStatus(),
    txId: proposal.txId,
    sim: simulator.results(),
  };
}

describe('chaincode stream against a real fabric-contract-api chaincode', () => {
  it('passes txid, channel and creator to the chaincode', async () => {
    const out = await run('whoami', []);
    expect(out.status).toBe(200);
    expect(JSON.parse(out.payload)).toEqual({ mspId: 'Org1MSP', txId: out.txId, channel: CHANNEL });
  });

  it('reads with versions, writes, and has no read-your-writes', async () => {
    const out = await run('putThenGet', ['k1', 'mine']);
    expect(out.payload).toBe('v1b');
    const [ns] = decodeRwSet(out.sim.rwset);
    expect(ns).toMatchObject({
      namespace: NS,
      reads: [{ key: 'k1', version: { blockNum: 2, txNum: 0 } }],
      writes: [{ key: 'k1', isDelete: false, value: 'mine' }],
    });
    expect(out.sim.readOnly).toBe(false);
  });

  it('records a delete and a read of a missing key without a version', async () => {
    const out = await run('del', ['k2']);
    expect(out.status).toBe(200);
    expect(decodeRwSet(out.sim.rwset)[0]?.writes).toEqual([{ key: 'k2', isDelete: true, value: '' }]);
    const read = await run('get', ['k2']);
    expect(read.payload).toBe('');
    expect(decodeRwSet(read.sim.rwset)[0]?.reads).toEqual([{ key: 'k2' }]);
  });

  it('scans ranges across batches of 100 and records "\\x01" for an empty start key', async () => {
    const out = await run('range', ['', '']);
    const rows = JSON.parse(out.payload) as { key: string }[];
    expect(rows.map((r) => r.key)).toEqual([...manyKeys, 'k1']);
    const [info] = decodeRwSet(out.sim.rwset)[0]?.ranges ?? [];
    expect(info).toMatchObject({ startKey: '\u0001', endKey: '', exhausted: true });
    // Past 50 results Fabric records a Merkle summary: 251 reads hash into 5 leaves of up to 51.
    expect(info).toMatchObject({ reads: undefined, merkle: [50, 1, 5] });
  });

  it('records exactly what the peer fetched when the chaincode stops early', async () => {
    const out = await run('rangeFirst', ['item', 'itemz', '3']);
    expect(JSON.parse(out.payload)).toEqual(manyKeys.slice(0, 3));
    const [info] = decodeRwSet(out.sim.rwset)[0]?.ranges ?? [];
    // The first batch of 100 is sent only once the 101st result is in hand.
    expect(info).toMatchObject({ startKey: 'item', endKey: manyKeys[100], exhausted: false });
    expect(info).toMatchObject({ reads: undefined, merkle: [50, 1, 2] });
  });

  it('pages with bookmarks and makes the transaction read-only', async () => {
    const first = await run('page', ['item', 'itemz', '2', '']);
    expect(first.response.getMessage()).toBe('');
    expect(JSON.parse(first.payload)).toEqual({
      keys: manyKeys.slice(0, 2),
      bookmark: manyKeys[2],
      count: 2,
    });
    expect(first.sim.readOnly).toBe(true);
    const next = await run('page', ['item', 'itemz', '2', manyKeys[248] ?? '']);
    expect(JSON.parse(next.payload)).toEqual({ keys: manyKeys.slice(248), bookmark: '', count: 2 });

    const writeAfter = await run('pageThenPut', ['item', 'itemz', '2']);
    expect(writeAfter.status).toBe(500);
    expect(writeAfter.response.getMessage()).toContain(
      `PUT_STATE failed: transaction ID: ${writeAfter.txId}: txid [${writeAfter.txId}]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed`,
    );
    const pageAfter = await run('putThenPage', ['item', 'itemz', '2']);
    expect(pageAfter.status).toBe(500);
    expect(pageAfter.response.getMessage()).toContain(
      'Paginated queries are supported only in a read-only transaction',
    );
  });

  it('keeps composite keys out of plain ranges and finds them by partial key', async () => {
    const out = await run('partial', ['thing', 'a']);
    expect(JSON.parse(out.payload)).toEqual([['a', 'b']]);
    const info = decodeRwSet(out.sim.rwset)[0]?.ranges[0];
    expect(info).toMatchObject({
      startKey: '\u0000thing\u0000a\u0000',
      endKey: '\u0000thing\u0000a\u0000\u{10FFFF}',
    });
  });

  it('returns history newest first with timestamps and delete flags', async () => {
    const k2 = JSON.parse((await run('history', ['k2'])).payload) as {
      txId: string;
      isDelete: boolean;
      seconds: number;
      nanos: number;
    }[];
    expect(k2.map((h) => [h.txId, h.isDelete])).toEqual([
      ['seed3', true],
      ['seed1', false],
    ]);
    expect(k2[1]).toMatchObject({ seconds: 1_700_000_000, nanos: 5 });
  });

  it('refuses rich queries as a LevelDB peer does', async () => {
    const out = await run('rich', ['{"selector":{}}']);
    expect(out.status).toBe(500);
    expect(out.response.getMessage()).toContain(
      `GET_QUERY_RESULT failed: transaction ID: ${out.txId}: ExecuteQuery not supported for leveldb`,
    );
  });

  it('writes key-level endorsement policies as metadata', async () => {
    const out = await run('setPolicy', ['k1', '["Org1MSP","Org2MSP"]']);
    expect(out.status).toBe(200);
    const [write] = decodeRwSet(out.sim.rwset)[0]?.metadataWrites ?? [];
    expect(write?.key).toBe('k1');
    expect(write?.entries.map((e) => e.name)).toEqual(['VALIDATION_PARAMETER']);
  });

  it('returns the chaincode event and chaincode errors as responses', async () => {
    const emitted = await run('emit', ['Created', 'payload']);
    expect(emitted.event?.getEventName()).toBe('Created');
    expect(Buffer.from(emitted.event?.getPayload_asU8() ?? []).toString()).toBe('payload');
    const failed = await run('fail', ['LOT_NOT_FOUND: nope']);
    expect(failed.status).toBe(500);
    expect(failed.response.getMessage()).toBe('LOT_NOT_FOUND: nope');
    expect(failed.event).toBeUndefined();
  });

  it('times out a slow transaction, and keeps serving others', async () => {
    await expect(run('sleep', ['400'], { timeoutMs: 100 })).rejects.toMatchObject({
      code: 'EXECUTE_TIMEOUT',
      message: expect.stringContaining('timeout expired while executing transaction') as unknown,
    });
    expect((await run('get', ['k1'])).payload).toBe('v1b');
  });

  it('queues executions that share a transaction id instead of dropping them', async () => {
    const proposal = buildProposal({
      identity: user,
      channelId: CHANNEL,
      chaincode: NS,
      args: ['test:get', 'k1'],
    });
    const once = () =>
      stream.execute({
        channelId: CHANNEL,
        txId: proposal.txId,
        signedProposal: proposal.signedProposal,
        input: proposal.input,
        simulator: createTxSimulator(
          seeded.ledger.state,
          (ns, key) => seeded.ledger.history(ns, key),
          proposal.txId,
        ),
        namespace: NS,
        timeoutMs: 10_000,
      });
    const results = await Promise.all([once(), once()]);
    expect(results.map((r) => Buffer.from(r.response.getPayload_asU8()).toString())).toEqual(['v1b', 'v1b']);
  });
});
