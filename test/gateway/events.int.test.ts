import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAllianceClient, subscribe, type AllianceClient } from '@alliance/gateway';
import type { TestNetwork } from '../network/harness/network';
import { FOUNDERS, startAllianceNetwork } from './support/alliance-network';
import { tempDir } from './support/pki';

jest.setTimeout(180_000);

const LISTENER = join(__dirname, 'fixtures', 'listener.js');
let net: TestNetwork;
let platform: AllianceClient;
const children: ChildProcess[] = [];

beforeAll(async () => {
  net = await startAllianceNetwork();
  platform = connectAllianceClient({ profile: net.network.profilePath, identity: 'platform/Admin' });
  await platform.members.bootstrap({ members: FOUNDERS.members.map((m) => ({ ...m, roles: [...m.roles] })) });
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  platform.close();
  await net.stop();
});

function listen(checkpoint: string, out: string, killAt: number): ChildProcess {
  const child = spawn(
    process.execPath,
    [LISTENER, net.network.profilePath, 'brand/User1', checkpoint, out, String(killAt)],
    { stdio: 'ignore' },
  );
  children.push(child);
  return child;
}

function exited(c: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) resolve();
    else
      c.once('exit', () => {
        resolve();
      });
  });
}
const lines = (file: string): string[] =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('events: a listener killed between handling and checkpointing, under load', () => {
  it('loses nothing, keeps the order, and repeats only the killed event, with the same id', async () => {
    const dir = tempDir();
    const checkpoint = join(dir, 'checkpoint.json');
    const out = join(dir, 'handled.txt');
    const first = listen(checkpoint, out, 7);
    // Load: sixteen concurrent submits while the listener runs.
    const load = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        platform.members.addMember({
          mspId: `Member${i}MSP`,
          name: `Member ${i}`,
          roles: ['SUPPLIER'],
          reason: 'load',
        }),
      ),
    );
    await exited(first);
    expect(first.signalCode).toBe('SIGKILL');
    const beforeRestart = lines(out);
    expect(beforeRestart.length).toBe(7);

    // The reference order: every event the ledger holds, read in one pass.
    const reference: string[] = [];
    const ref = subscribe(platform.connection, {
      checkpoint: { load: () => undefined, save: () => Promise.resolve() },
      onEvent: (e) => void reference.push(e.id),
    });
    // Bootstrap's events come first, then the load's.
    const expectedCount = load.reduce((n, c) => n + c.events.length, 0);
    await until(() => reference.length >= expectedCount, 30_000);
    await ref.stop();

    const second = listen(checkpoint, out, 0);
    await until(() => lines(out).length >= reference.length + 1, 60_000);
    second.kill('SIGTERM');
    await exited(second);

    const handled = lines(out);
    const killed = beforeRestart[6]!;
    expect(handled.filter((id) => id === killed)).toHaveLength(2);
    const unique = handled.filter((id, i) => handled.indexOf(id) === i);
    expect(unique).toEqual(reference);
    expect(handled.length).toBe(reference.length + 1);
    expect(handled[7]).toBe(killed);
  });
});
