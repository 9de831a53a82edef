import { existsSync } from 'node:fs';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { IdentityResolver } from './identities';
import { prepareBlock, type PreparedBlock } from './prepare-block';
import { replayBlock } from './replay-block';
import { emptyReplayState, type ReplayState } from './replay-state';
import type { SignaturePool } from './signature-pool';
import type { BlockSource } from './sources/block-source';

/** Progress of a replay, reported after each window of blocks. */
export interface ReplayProgress {
  /** Blocks replayed, counting from block 0. */
  readonly blocks: number;
  readonly height: number;
  readonly txs: number;
}

/** Options of {@link replayLedger}. */
export interface ReplayOptions {
  readonly source: BlockSource;
  readonly pool: SignaturePool;
  /** The SHA-256 (hex) of block 0's header the auditor trusts; without it block 0 is taken as served. */
  readonly genesisHash?: string;
  /** Stop before this block (default: the source's height). */
  readonly to?: number;
  /** A checkpoint file: resumed from when it exists, rewritten every `checkpointEvery` blocks and at the end. */
  readonly checkpoint?: string;
  readonly checkpointEvery?: number;
  /** Blocks whose signatures are verified together (default 32). */
  readonly window?: number;
  readonly onProgress?: (p: ReplayProgress) => void;
}

/** The outcome of a replay, with the measures of its speed. */
export interface ReplayOutcome {
  readonly state: ReplayState;
  readonly height: number;
  /** Whether the replay resumed from a checkpoint (and at which block). */
  readonly resumedAt: number | undefined;
  readonly blocksReplayed: number;
  readonly txsReplayed: number;
  readonly wallMs: number;
  /** CPU time of this thread (the workers' time is not included). */
  readonly cpuMs: number;
}

/**
 * Replays blocks 0..height-1 from a source: prepares a window of blocks, verifies all of their
 * signatures at once on the pool's threads, then checks and re-validates the blocks in order and
 * rebuilds state. Resumes from a checkpoint when one exists.
 */
export async function replayLedger(opts: ReplayOptions): Promise<ReplayOutcome> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const resumed =
    opts.checkpoint && existsSync(opts.checkpoint) ? loadCheckpoint(opts.checkpoint) : undefined;
  const state = resumed ?? emptyReplayState();
  const from = state.nextBlock;
  const txsBefore = state.txs.length;
  const height = opts.to ?? (await opts.source.height());
  const identities = new IdentityResolver();
  const window = opts.window ?? 32;
  const every = opts.checkpointEvery ?? 500;
  let sinceCheckpoint = 0;
  let batch: Uint8Array[] = [];
  const flush = async (): Promise<void> => {
    const prepared = batch.map(prepareOrNull);
    batch = [];
    const jobs = prepared.flatMap((p) => p?.jobs ?? []);
    const verdicts = await opts.pool.verifyAll(jobs);
    let at = 0;
    for (const p of prepared) {
      if (!p) {
        state.anomalies.push({
          block: state.nextBlock,
          check: 'block-format',
          detail: 'bytes are not a block with a header',
          severity: 'error',
        });
        state.nextBlock++;
        continue;
      }
      p.verdicts = verdicts.slice(at, at + p.jobs.length);
      at += p.jobs.length;
      replayBlock(p, state, { identities, genesisHash: opts.genesisHash });
      sinceCheckpoint++;
    }
    opts.onProgress?.({ blocks: state.nextBlock, height, txs: state.txs.length });
    if (opts.checkpoint && sinceCheckpoint >= every) {
      await saveCheckpoint(opts.checkpoint, state);
      sinceCheckpoint = 0;
    }
  };
  for await (const bytes of opts.source.blocks(from, height)) {
    batch.push(bytes);
    if (batch.length >= window) await flush();
  }
  if (batch.length) await flush();
  if (opts.checkpoint && state.nextBlock > from) await saveCheckpoint(opts.checkpoint, state);
  const used = process.cpuUsage(cpu);
  return {
    state,
    height,
    resumedAt: resumed ? from : undefined,
    blocksReplayed: state.nextBlock - from,
    txsReplayed: state.txs.length - txsBefore,
    wallMs: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
  };
}

function prepareOrNull(bytes: Uint8Array): PreparedBlock | undefined {
  try {
    return prepareBlock(bytes);
  } catch {
    return undefined;
  }
}
