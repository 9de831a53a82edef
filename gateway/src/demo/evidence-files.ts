/**
 * The files behind the ledger's hashes. A real lab anchors the SHA-256 of its raw-data exports,
 * qualification protocols and certificates; the demo writes such files under `.alliance/demo/`
 * and anchors the hashes of those very bytes, so `alliance document verify <file>` can check them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256File } from '../verify/document';

/** A file the demo wrote, with the hash it anchors. */
export interface EvidenceFile {
  readonly fileName: string;
  readonly path: string;
  readonly sha256: string;
}

/** Writes evidence files into one directory per demo run. */
export interface EvidenceWriter {
  /** The directory the files go to. */
  readonly dir: string;
  /** Writes `content` as `fileName` and returns its SHA-256. */
  write(fileName: string, content: string): Promise<EvidenceFile>;
}

/**
 * An evidence writer under `root`/`runName`.
 * @param root - `.alliance/demo` beside the profile
 */
export function newEvidenceWriter(root: string, runName: string): EvidenceWriter {
  const dir = join(root, runName);
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    write: async (fileName, content) => {
      const path = join(dir, fileName);
      writeFileSync(path, content);
      return { fileName, path, sha256: await sha256File(path) };
    },
  };
}

/** One measured line of a raw-data export. */
export interface RawReading {
  readonly sample: string;
  readonly analyte: string;
  readonly channel: string;
  readonly signal: number;
  readonly concentration: number;
  readonly unit: string;
}

/** A raw-data export as a CSV (instrument, acquisition time, one row per reading). */
export function rawDataCsv(
  instrumentId: string,
  acquiredAt: string,
  readings: readonly RawReading[],
): string {
  const rows = readings.map((r) =>
    [r.sample, r.analyte, r.channel, r.signal.toFixed(0), r.concentration.toString(), r.unit].join(','),
  );
  return [
    `# instrument ${instrumentId}`,
    `# acquired ${acquiredAt}`,
    'sample,analyte,channel,signal_cps,concentration,unit',
    ...rows,
    '',
  ].join('\n');
}
