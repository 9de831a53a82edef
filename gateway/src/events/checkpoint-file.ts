import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigurationError } from '../errors/gateway-error';
import { writeFileAtomic } from './atomic-file';

/** How far event processing got, durable across crashes. */
export interface EventPosition {
  /** Block of the last fully handled transaction (or of the partly handled one when none is complete). */
  readonly blockNumber: bigint;
  /** The last transaction whose domain events were all handled. */
  readonly transactionId?: string;
  /** A transaction whose first `handled` domain events were handled before a stop. */
  readonly partial?: { readonly transactionId: string; readonly handled: number };
}

/** A durable store of one {@link EventPosition}. */
export interface CheckpointStore {
  /** The stored position, undefined before the first event. */
  load(): EventPosition | undefined;
  /** Replaces the position; durable when the promise resolves. */
  save(position: EventPosition): Promise<void>;
}

interface FileShape {
  version: 1;
  blockNumber: string;
  transactionId?: string;
  partial?: { transactionId: string; handled: number };
}

/**
 * A checkpoint kept in a small JSON file, replaced atomically (temp file, fsync, rename) so that a
 * crash at any moment leaves either the previous or the new position, never a torn file.
 * @param path - the checkpoint file (created on first save)
 * @throws {@link ConfigurationError} `CHECKPOINT_INVALID` when the file exists but is not a checkpoint
 */
export function fileCheckpoint(path: string): CheckpointStore {
  return {
    load: () => readPosition(path),
    save: async (p) => {
      mkdirSync(dirname(path), { recursive: true });
      const shape: FileShape = {
        version: 1,
        blockNumber: p.blockNumber.toString(),
        ...(p.transactionId ? { transactionId: p.transactionId } : {}),
        ...(p.partial ? { partial: { ...p.partial } } : {}),
      };
      await writeFileAtomic(path, `${JSON.stringify(shape)}\n`);
    },
  };
}

function readPosition(path: string): EventPosition | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigurationError('CHECKPOINT_INVALID', `cannot read checkpoint ${path}`, { cause: e });
  }
  let raw: Partial<FileShape> | null;
  try {
    raw = JSON.parse(text) as Partial<FileShape> | null;
  } catch (cause) {
    throw new ConfigurationError('CHECKPOINT_INVALID', `checkpoint ${path} is not JSON`, { cause });
  }
  if (raw?.version !== 1 || typeof raw.blockNumber !== 'string' || !/^\d+$/.test(raw.blockNumber)) {
    throw new ConfigurationError('CHECKPOINT_INVALID', `checkpoint ${path} is not an event checkpoint`);
  }
  const partial = raw.partial;
  if (
    partial !== undefined &&
    (typeof partial.transactionId !== 'string' || !Number.isInteger(partial.handled) || partial.handled < 1)
  ) {
    throw new ConfigurationError(
      'CHECKPOINT_INVALID',
      `checkpoint ${path} has a malformed partial transaction`,
    );
  }
  return {
    blockNumber: BigInt(raw.blockNumber),
    ...(typeof raw.transactionId === 'string' ? { transactionId: raw.transactionId } : {}),
    ...(partial ? { partial } : {}),
  };
}
