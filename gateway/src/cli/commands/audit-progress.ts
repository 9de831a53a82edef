import { SingleBar } from 'cli-progress';
import type { ReplayProgress } from '../../audit/replay';

/**
 * A progress bar for a replay on stderr, showing blocks/s, tx/s and the ETA; undefined when
 * stderr is not a terminal (scripts and `--json` get no bar).
 */
export function replayProgressBar(
  enabled: boolean,
): { update: (p: ReplayProgress) => void; stop: () => void } | undefined {
  if (!enabled || !process.stderr.isTTY) return undefined;
  const bar = new SingleBar({
    format: 'replay [{bar}] {value}/{total} blocks | {bps} blocks/s | {tps} tx/s | ETA {eta_formatted}',
    stream: process.stderr,
    etaBuffer: 50,
  });
  const started = performance.now();
  let first: ReplayProgress | undefined;
  return {
    update: (p) => {
      if (!first) {
        first = p;
        bar.start(p.height, p.blocks, { bps: '0', tps: '0' });
      }
      const s = Math.max(0.001, (performance.now() - started) / 1000);
      bar.update(p.blocks, {
        bps: ((p.blocks - first.blocks) / s).toFixed(1),
        tps: ((p.txs - first.txs) / s).toFixed(1),
      });
    },
    stop: () => {
      bar.stop();
    },
  };
}
