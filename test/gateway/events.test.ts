import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainEvent } from '@alliance/chaincode/model';
import {
  connectAlliance,
  fileCheckpoint,
  identityFromPem,
  isConfigurationError,
  subscribe,
  type AllianceConnection,
  type CheckpointStore,
} from '@alliance/gateway';
import { EventLog } from './support/event-log';
import { startGatewayServer, type RunningGatewayServer } from './support/gateway-server';
import { issue, newCa, tempDir } from './support/pki';

let server: RunningGatewayServer;
let conn: AllianceConnection;
let log: EventLog;

beforeAll(async () => {
  server = await startGatewayServer();
  const user = await issue(await newCa('brand'), { cn: 'User1' });
  conn = connectAlliance({
    identity: identityFromPem({
      mspId: 'BrandMSP',
      certificatePem: user.certPem,
      privateKeyPem: user.keyPem,
    }),
    peer: { endpoint: server.endpoint, tlsCaPem: server.tlsCaPem, tlsHostName: server.tlsHostName },
    channel: 'alliance',
    chaincode: 'provenance',
  });
});
beforeEach(() => {
  log = new EventLog();
  server.script.chaincodeEvents = log.script();
});
afterAll(async () => {
  conn.close();
  await server.stop();
});

const until = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('subscribe', () => {
  it('delivers every domain event in order, checkpoints, and resumes after the checkpoint', async () => {
    log.add(1, 'tx1', 2);
    log.add(1, 'tx2', 1);
    log.add(3, 'tx3', 1);
    const path = join(tempDir(), 'cp.json');
    const seen: string[] = [];
    const sub = subscribe(conn, { checkpoint: path, onEvent: (e: DomainEvent) => void seen.push(e.id) });
    await until(() => seen.length === 4);
    await sub.stop();
    expect(seen).toEqual(['tx1:0', 'tx1:1', 'tx2:0', 'tx3:0']);
    expect(fileCheckpoint(path).load()).toEqual({ blockNumber: 3n, transactionId: 'tx3' });

    log.add(4, 'tx4', 1);
    const again: string[] = [];
    const sub2 = subscribe(conn, { checkpoint: path, onEvent: (e) => void again.push(e.id) });
    await until(() => again.length === 1);
    log.add(5, 'tx5', 1);
    await until(() => again.length === 2);
    await sub2.stop();
    expect(again).toEqual(['tx4:0', 'tx5:0']);
    expect(log.requests.at(-1)).toEqual({ start: 3, afterTxId: 'tx3' });
  });

  it('stops on a handler failure without checkpointing it; the restart redelivers that event with the same id', async () => {
    log.add(0, 'a', 3);
    const path = join(tempDir(), 'cp.json');
    const first: string[] = [];
    const sub = subscribe(conn, {
      checkpoint: path,
      onEvent: (e) => {
        if (e.id === 'a:1') throw new Error('projection down');
        first.push(e.id);
      },
    });
    await expect(sub.done).rejects.toThrow('projection down');
    expect(first).toEqual(['a:0']);
    expect(fileCheckpoint(path).load()).toEqual({
      blockNumber: 0n,
      partial: { transactionId: 'a', handled: 1 },
    });
    const second: string[] = [];
    const sub2 = subscribe(conn, { checkpoint: path, onEvent: (e) => void second.push(e.id) });
    await until(() => second.length === 2);
    await sub2.stop();
    expect(second).toEqual(['a:1', 'a:2']);
  });

  it('redelivers, with the same id, an event handled but not yet checkpointed when the process died', async () => {
    log.add(0, 'p', 1);
    log.add(1, 'q', 1);
    const path = join(tempDir(), 'cp.json');
    const file = fileCheckpoint(path);
    // The store dies on its second write: 'q' was handled but its checkpoint never landed.
    let writes = 0;
    const dying: CheckpointStore = {
      load: () => file.load(),
      save: async (p) => (++writes === 2 ? Promise.reject(new Error('killed')) : file.save(p)),
    };
    const handled: string[] = [];
    const sub = subscribe(conn, { checkpoint: dying, onEvent: (e) => void handled.push(e.id) });
    await expect(sub.done).rejects.toThrow('killed');
    const after: string[] = [];
    const sub2 = subscribe(conn, { checkpoint: path, onEvent: (e) => void after.push(e.id) });
    await until(() => after.length === 1);
    await sub2.stop();
    expect(handled).toEqual(['p:0', 'q:0']);
    expect(after).toEqual(['q:0']);
  });

  it('reconnects with back-off after the stream drops, from the checkpoint, without loss or repeats', async () => {
    log.add(0, 'x', 1);
    log.add(1, 'y', 1);
    log.add(2, 'z', 1);
    log.cutAfter = 1;
    const seen: string[] = [];
    const drops: number[] = [];
    const sub = subscribe(conn, {
      checkpoint: join(tempDir(), 'cp.json'),
      onEvent: (e) => void seen.push(e.id),
      backoff: { initialMs: 10, maxMs: 50 },
      onDisconnect: (_e, ms) => drops.push(ms),
    });
    await until(() => seen.length === 3);
    await sub.stop();
    expect(seen).toEqual(['x:0', 'y:0', 'z:0']);
    expect(drops).toEqual([10]);
  });

  it('refuses a corrupt checkpoint file with a coded error', () => {
    const path = join(tempDir(), 'cp.json');
    writeFileSync(path, '{"version":1,"blockNumber":"x"}');
    expect(() => subscribe(conn, { checkpoint: path, onEvent: () => undefined })).toThrow(
      expect.objectContaining({ code: 'CHECKPOINT_INVALID' }) as Error,
    );
    writeFileSync(path, '{');
    let err: unknown;
    try {
      fileCheckpoint(path).load();
    } catch (e) {
      err = e;
    }
    expect(isConfigurationError(err, 'CHECKPOINT_INVALID')).toBe(true);
  });
});
