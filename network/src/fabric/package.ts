import { createHash } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { create } from 'tar';

/** A chaincode-as-a-service package: its label, file and package id (`<label>:<sha256 of the file>`). */
export interface CcaasPackage {
  readonly label: string;
  readonly file: string;
  readonly packageId: string;
}

/** Every entry gets this mtime, mode and no owner, so equal inputs make equal bytes. */
const FIXED_MTIME = new Date(0);
const FILE_MODE = 0o644;

/**
 * Writes the CCaaS package a peer installs: `metadata.json` (type ccaas, the label) and
 * `code.tar.gz` holding `connection.json` (where the chaincode server listens). Both archives
 * are deterministic (sorted names, fixed mtime, mode and owner, gzip without name or time),
 * so the package id depends only on the label and the address: stable across runs.
 */
export async function writeCcaasPackage(opts: {
  readonly label: string;
  /** host:port of the chaincode server. */
  readonly address: string;
  readonly file: string;
}): Promise<CcaasPackage> {
  const work = mkdtempSync(join(dirname(opts.file), '.package-'));
  try {
    const code = join(work, 'code');
    const outer = join(work, 'outer');
    writeEntry(
      code,
      'connection.json',
      JSON.stringify({ address: opts.address, dial_timeout: '10s', tls_required: false }),
    );
    await deterministicTarGz(code, join(outer, 'code.tar.gz'));
    writeEntry(outer, 'metadata.json', JSON.stringify({ type: 'ccaas', label: opts.label }));
    await deterministicTarGz(outer, opts.file);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const digest = createHash('sha256').update(readFileSync(opts.file)).digest('hex');
  return { label: opts.label, file: opts.file, packageId: `${opts.label}:${digest}` };
}

/** A package label as the peer accepts it: `<name>_<version>` with only [A-Za-z0-9_.+-]. */
export function packageLabel(name: string, version: string): string {
  return `${name}_${version}`.replace(/[^\w.+-]/g, '_');
}

function writeEntry(dir: string, name: string, content: string): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, content);
  // The umask must not leak into the archive.
  chmodSync(file, FILE_MODE);
  utimesSync(file, FIXED_MTIME, FIXED_MTIME);
}

/** A gzipped tar of the regular files of `dir` (no directory entries), in sorted order. */
async function deterministicTarGz(dir: string, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const names = readdirSync(dir).sort();
  await create({ cwd: dir, file, gzip: { level: 9 }, portable: true, mtime: FIXED_MTIME }, names);
}
