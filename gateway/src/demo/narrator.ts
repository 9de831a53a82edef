/**
 * How the demo tells its story: a heading per chapter, one line per committed transaction with
 * its tx id and block number, and the facts worth seeing. It also keeps every transaction it
 * printed, so the caller (and the auditor) can find them again.
 */
import type { Committed } from '../contracts/typed-invoker';

/** One committed step of the demo. */
export interface DemoTransaction {
  /** Short name of the step (`lot.register`). */
  readonly step: string;
  /** The identity that signed it (`supplier/User1`). */
  readonly actor: string;
  readonly txId: string;
  readonly blockNumber: bigint;
}

/** Prints the story and records its transactions. */
export interface Narrator {
  /** Starts a chapter. */
  chapter(title: string): void;
  /** Records and prints a committed transaction; returns its result for chaining. */
  committed<R>(step: string, actor: string, what: string, c: Committed<R>): R;
  /** Prints a fact, indented under the last step. */
  fact(text: string): void;
  /** Prints a plain line. */
  line(text: string): void;
  /** Every transaction recorded so far, in order. */
  readonly transactions: readonly DemoTransaction[];
}

/**
 * A narrator writing lines through `write`.
 * @param write - where lines go (default: stdout); `quiet` demos pass a no-op
 */
export function newNarrator(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Narrator {
  const transactions: DemoTransaction[] = [];
  let chapterNo = 0;
  return {
    transactions,
    chapter: (title) => {
      chapterNo += 1;
      write('');
      write(`${chapterNo}. ${title}`);
    },
    committed: (step, actor, what, c) => {
      transactions.push({ step, actor, txId: c.txId, blockNumber: c.blockNumber });
      write(`   ${actor.padEnd(17)} ${what}`);
      write(`   ${''.padEnd(17)} tx ${c.txId.slice(0, 16)}… block ${c.blockNumber.toString()}`);
      return c.result;
    },
    fact: (text) => {
      write(`   ${''.padEnd(17)} → ${text}`);
    },
    line: (text) => {
      write(text);
    },
  };
}
