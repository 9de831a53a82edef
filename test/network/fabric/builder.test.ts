import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { externalBuilderDir } from '@alliance/network/fabric';

const run = promisify(execFile);
const step = (name: string, ...args: string[]): Promise<unknown> =>
  run(join(externalBuilderDir(), 'bin', name), args);

describe('the external builder for chaincode as a service (detect, build, release)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alliance-builder-'));
  const source = join(dir, 'src');
  const metadata = join(dir, 'meta');
  const output = join(dir, 'out');
  const release = join(dir, 'release');
  const connection = JSON.stringify({ address: '127.0.0.1:7052', dial_timeout: '10s', tls_required: false });
  beforeAll(() => {
    for (const d of [source, metadata, output, release]) mkdirSync(d, { recursive: true });
    writeFileSync(join(source, 'connection.json'), connection);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('detects ccaas packages only', async () => {
    writeFileSync(join(metadata, 'metadata.json'), '{"type": "ccaas", "label": "cc_1"}');
    await expect(step('detect', source, metadata)).resolves.toBeDefined();
    writeFileSync(join(metadata, 'metadata.json'), '{"type":"node","label":"cc_1"}');
    await expect(step('detect', source, metadata)).rejects.toMatchObject({ code: 1 });
  });

  it('builds and releases connection.json where the peer reads it', async () => {
    await step('build', source, metadata, output);
    await step('release', output, release);
    expect(readFileSync(join(release, 'chaincode', 'server', 'connection.json'), 'utf8')).toBe(connection);
  });

  it('fails the build of a package without connection.json', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    await expect(step('build', empty, metadata, output)).rejects.toMatchObject({ code: 1 });
  });
});
