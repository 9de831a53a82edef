import type { DomainEvent } from '@alliance/chaincode/model';

/** Where and how the CLI prints. */
export interface Printer {
  /** True for `--json`: one JSON document per result, nothing else on stdout. */
  readonly json: boolean;
  /** Prints a result (JSON, or a readable form). */
  result(value: unknown): void;
  /** Prints a line for people (skipped with --json). */
  line(text: string): void;
}

/** JSON with bigints as strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

/** A printer writing to stdout. */
export function newPrinter(
  json: boolean,
  write: (s: string) => void = (s) => process.stdout.write(s),
): Printer {
  return {
    json,
    result: (value) => {
      write(`${json ? toJson(value) : readable(value)}\n`);
    },
    line: (text) => {
      if (!json) write(`${text}\n`);
    },
  };
}

/** Summary lines of a committed transaction. */
export function committedLines(c: {
  txId: string;
  blockNumber: bigint;
  attempts: number;
  events: DomainEvent[];
}): string[] {
  const lines = [
    `committed tx ${c.txId} in block ${c.blockNumber}${c.attempts > 1 ? ` (after ${c.attempts} attempts)` : ''}`,
  ];
  for (const e of c.events) lines.push(`  event ${e.type} ${e.subject.kind} ${e.subject.id} (${e.id})`);
  return lines;
}

/** A readable rendering: arrays of records as tables, records as key/value lines. */
export function readable(value: unknown): string {
  if (value === undefined || value === null) return '(nothing)';
  if (Array.isArray(value))
    return value.every(isRecord) && value.length > 0
      ? table(value)
      : value.map((v) => `- ${scalar(v)}`).join('\n') || '(none)';
  if (isRecord(value)) {
    const width = Math.max(...Object.keys(value).map((k) => k.length));
    return Object.entries(value)
      .map(([k, v]) => `${k.padEnd(width)}  ${scalar(v)}`)
      .join('\n');
  }
  return scalar(value);
}

/** A text table of records (columns = keys of the first rows). */
export function table(rows: Record<string, unknown>[]): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))].slice(0, 8);
  const cells = rows.map((r) => cols.map((c) => truncate(scalar(r[c]), 40)));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length)));
  const fmt = (row: string[]): string =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [fmt(cols), fmt(widths.map((w) => '-'.repeat(w))), ...cells.map(fmt)].join('\n');
}

/** A lineage tree with box-drawing branches. */
export function tree(
  node: { id: string; via?: string; children: readonly unknown[] },
  prefix = '',
  last = true,
  root = true,
): string {
  const label = `${node.id}${node.via ? `  (via ${node.via})` : ''}`;
  const head = root ? label : `${prefix}${last ? '└─ ' : '├─ '}${label}`;
  const childPrefix = root ? '' : `${prefix}${last ? '   ' : '│  '}`;
  const kids = node.children as { id: string; via?: string; children: readonly unknown[] }[];
  return [head, ...kids.map((c, i) => tree(c, childPrefix, i === kids.length - 1, false))].join('\n');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalar(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
