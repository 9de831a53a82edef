import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../events/atomic-file';
import { BlockSourceError, type BlockSource } from './block-source';

const BLOCK_FILE = /^(\d+)\.block$/;

/** The file name of block `n` in a block directory. */
export function blockFileName(n: number): string {
  return `${n}.block`;
}

/**
 * Reads a plain directory of `<n>.block` files (each a serialized `common.Block`), as
 * `alliance audit fetch` writes them. The height is the length of the run of files from 0.
 * @throws BlockSourceError SOURCE_NOT_FOUND when the directory does not exist
 */
export function directoryBlockSource(dir: string): BlockSource {
  if (!existsSync(dir))
    throw new BlockSourceError('SOURCE_NOT_FOUND', `block directory ${dir} does not exist`);
  return {
    description: `block files in ${dir}`,
    height: () => {
      const present = new Set(
        readdirSync(dir)
          .flatMap((f) => BLOCK_FILE.exec(f)?.[1] ?? [])
          .map(Number),
      );
      let h = 0;
      while (present.has(h)) h++;
      return Promise.resolve(h);
    },
    blocks: async function* (from, to) {
      for (let n = from; n < to; n++) {
        const path = join(dir, blockFileName(n));
        if (!existsSync(path)) throw new BlockSourceError('SOURCE_GAP', `block file ${path} is missing`);
        yield await Promise.resolve(readFileSync(path));
      }
    },
    close: () => Promise.resolve(),
  };
}

/** Writes one block into a block directory (atomically, so a crash never leaves half a block). */
export async function writeBlockFile(dir: string, n: number, bytes: Uint8Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, blockFileName(n)), bytes);
}
