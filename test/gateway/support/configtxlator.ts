// Finds Fabric's configtxlator (FABRIC_BIN or the PATH) and runs compute_update.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The configtxlator binary, or undefined when none is installed. */
export function findConfigtxlator(): string | undefined {
  const dirs = [process.env.FABRIC_BIN, ...(process.env.PATH ?? '').split(delimiter)].filter(
    (d): d is string => Boolean(d),
  );
  for (const dir of dirs) {
    for (const candidate of [join(dir, 'configtxlator'), join(dir, 'bin', 'configtxlator')]) {
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** `configtxlator compute_update` on two configs (`common.Config` bytes): the ConfigUpdate bytes it writes. */
export function configtxlatorComputeUpdate(
  bin: string,
  channelId: string,
  original: Uint8Array,
  updated: Uint8Array,
): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'configtxlator-'));
  try {
    const [a, b, out] = ['original.pb', 'updated.pb', 'update.pb'].map((f) => join(dir, f)) as [
      string,
      string,
      string,
    ];
    writeFileSync(a, original);
    writeFileSync(b, updated);
    execFileSync(
      bin,
      ['compute_update', '--channel_id', channelId, '--original', a, '--updated', b, '--output', out],
      { stdio: 'pipe', timeout: 20_000 },
    );
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
