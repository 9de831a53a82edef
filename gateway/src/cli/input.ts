import { readFileSync } from 'node:fs';
import { UsageError } from './exit-codes';

/** Options every transaction command accepts for its input. */
export interface InputOptions {
  /** A JSON file (`-` for stdin). */
  input?: string;
  /** JSON text. */
  data?: string;
  /** `key=value` pairs (values parsed as JSON when they are JSON, else strings); dotted keys nest. */
  set?: string[];
}

/**
 * Builds a transaction's input from a file, inline JSON and `--set` flags (later ones win).
 * @param idField - field a positional id fills (`lotId`)
 * @param id - that positional id
 * @throws {@link UsageError} when the file or JSON cannot be read
 */
export function readInput(
  opts: InputOptions,
  idField?: string,
  id?: string,
): Record<string, unknown> | undefined {
  let input: Record<string, unknown> | undefined;
  if (opts.input) input = { ...asObject(parseJson(readSource(opts.input), opts.input)) };
  if (opts.data) input = { ...input, ...asObject(parseJson(opts.data, '--data')) };
  for (const pair of opts.set ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set expects key=value, got "${pair}"`);
    input = setPath(input ?? {}, pair.slice(0, eq), parseValue(pair.slice(eq + 1)));
  }
  if (idField && id !== undefined) input = { ...input, [idField]: id };
  return input;
}

function readSource(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch {
    throw new UsageError(`cannot read input file ${path}`);
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${where} is not valid JSON`);
  }
}

function asObject(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new UsageError('the input must be a JSON object');
  return v as Record<string, unknown>;
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (!head) throw new UsageError(`--set key "${path}" is empty`);
  if (rest.length === 0) return { ...obj, [head]: value };
  const inner = obj[head];
  return {
    ...obj,
    [head]: setPath(
      typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : {},
      rest.join('.'),
      value,
    ),
  };
}
