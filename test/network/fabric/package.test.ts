import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packageLabel, writeCcaasPackage } from '@alliance/network/fabric';

/** The entries of an uncompressed tar: name, mode, mtime, owner and content. */
function tarEntries(tar: Buffer): { name: string; mode: number; mtime: number; uid: number; body: Buffer }[] {
  const entries = [];
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const octal = (from: number, to: number): number =>
      parseInt(header.subarray(from, to).toString('ascii').replace(/\0/g, '').trim() || '0', 8);
    const size = octal(124, 136);
    entries.push({
      name,
      mode: octal(100, 108),
      uid: octal(108, 116),
      mtime: octal(136, 148),
      body: tar.subarray(offset + 512, offset + 512 + size),
    });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

describe('CCaaS chaincode package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alliance-pkg-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the same bytes and package id for the same label and address', async () => {
    const a = await writeCcaasPackage({
      label: 'provenance_1.0',
      address: '127.0.0.1:9999',
      file: join(dir, 'a.tar.gz'),
    });
    const b = await writeCcaasPackage({
      label: 'provenance_1.0',
      address: '127.0.0.1:9999',
      file: join(dir, 'b.tar.gz'),
    });
    expect(readFileSync(a.file).equals(readFileSync(b.file))).toBe(true);
    expect(a.packageId).toBe(b.packageId);
    const digest = createHash('sha256').update(readFileSync(a.file)).digest('hex');
    expect(a.packageId).toBe(`provenance_1.0:${digest}`);
  });

  it('changes its id with the address or the label', async () => {
    const base = await writeCcaasPackage({
      label: 'cc_1',
      address: '127.0.0.1:1000',
      file: join(dir, 'c.tar.gz'),
    });
    const moved = await writeCcaasPackage({
      label: 'cc_1',
      address: '127.0.0.1:1001',
      file: join(dir, 'd.tar.gz'),
    });
    const relabelled = await writeCcaasPackage({
      label: 'cc_2',
      address: '127.0.0.1:1000',
      file: join(dir, 'e.tar.gz'),
    });
    expect(new Set([base.packageId, moved.packageId, relabelled.packageId]).size).toBe(3);
  });

  it('holds metadata.json (type ccaas) and code.tar.gz with connection.json, sorted, with fixed mtime, mode and owner', async () => {
    const pkg = await writeCcaasPackage({
      label: 'cc_1',
      address: '127.0.0.1:7052',
      file: join(dir, 'f.tar.gz'),
    });
    const outer = tarEntries(gunzipSync(readFileSync(pkg.file)));
    expect(outer.map((e) => e.name)).toEqual(['code.tar.gz', 'metadata.json']);
    for (const entry of outer) expect([entry.mtime, entry.mode, entry.uid]).toEqual([0, 0o644, 0]);
    expect(JSON.parse(outer[1]!.body.toString('utf8'))).toEqual({ type: 'ccaas', label: 'cc_1' });
    const code = tarEntries(gunzipSync(outer[0]!.body));
    expect(code.map((e) => e.name)).toEqual(['connection.json']);
    expect(JSON.parse(code[0]!.body.toString('utf8'))).toEqual({
      address: '127.0.0.1:7052',
      dial_timeout: '10s',
      tls_required: false,
    });
  });

  it('makes labels the peer accepts', () => {
    expect(packageLabel('provenance', '1.0')).toBe('provenance_1.0');
    expect(packageLabel('my cc', 'v 2/3')).toBe('my_cc_v_2_3');
  });
});
