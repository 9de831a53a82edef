import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256File, verifyDocument } from '@alliance/gateway';
import { tempDir } from './support/pki';

describe('verifyDocument', () => {
  const dir = tempDir();
  const file = join(dir, 'raw.csv');
  writeFileSync(file, 'analyte,value\nPb,0.12\n');
  const digest = createHash('sha256').update('analyte,value\nPb,0.12\n').digest('hex');

  it('hashes a file with SHA-256', async () => {
    await expect(sha256File(file)).resolves.toBe(digest);
  });

  it('finds the hash among the record’s anchored hashes, wherever it sits', async () => {
    const record = {
      id: 'R1',
      rawData: [
        { name: 'a', sha256: 'f'.repeat(64) },
        { name: 'b', sha256: `sha256:${digest.toUpperCase()}` },
      ],
    };
    await expect(verifyDocument(file, record)).resolves.toMatchObject({
      matches: true,
      foundAt: 'rawData.1.sha256',
      sha256: digest,
    });
  });

  it('fails when the record anchors another hash', async () => {
    const v = await verifyDocument(file, { rawDataHash: 'e'.repeat(64), note: digest.slice(1) });
    expect(v.matches).toBe(false);
    expect(v.anchored).toEqual([{ path: 'rawDataHash', value: 'e'.repeat(64) }]);
  });
});
