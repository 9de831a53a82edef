import type { DefinitionIssue } from './errors';

/** A plain object read from YAML. */
export type RawObject = Record<string, unknown>;

/**
 * Reads typed fields out of untrusted YAML data, collecting every problem instead of stopping at
 * the first, so a user sees all mistakes in their file at once.
 */
export class FieldReader {
  readonly issues: DefinitionIssue[] = [];

  /** Records a problem at `path`. */
  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** The object at `path`, or an empty one (with an issue) when `value` is not an object. Missing = `{}`. */
  object(value: unknown, path: string, known: readonly string[]): RawObject {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, 'must be a mapping');
      return {};
    }
    const raw = value as RawObject;
    for (const key of Object.keys(raw)) {
      if (!known.includes(key))
        this.fail(join(path, key), `unknown field (expected one of: ${known.join(', ')})`);
    }
    return raw;
  }

  /** A string matching `pattern`, or `fallback` when missing. */
  string(
    raw: RawObject,
    key: string,
    path: string,
    fallback: string,
    pattern?: { re: RegExp; hint: string },
  ): string {
    const value = raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string' || value.length === 0) {
      this.fail(join(path, key), 'must be a non-empty string');
      return fallback;
    }
    if (pattern && !pattern.re.test(value))
      this.fail(join(path, key), `'${value}' is not valid: ${pattern.hint}`);
    return value;
  }

  /** An integer in [min, max], or `fallback` when missing. */
  integer(raw: RawObject, key: string, path: string, fallback: number, min: number, max: number): number {
    const value = raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(join(path, key), `must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  /** A boolean, or `fallback` when missing. */
  boolean(raw: RawObject, key: string, path: string, fallback: boolean): boolean {
    const value = raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') {
      this.fail(join(path, key), 'must be true or false');
      return fallback;
    }
    return value;
  }

  /** A list, or `undefined` when missing. */
  list(raw: RawObject, key: string, path: string): unknown[] | undefined {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.fail(join(path, key), 'must be a list');
      return undefined;
    }
    return value as unknown[];
  }

  /** A list of strings each matching `pattern`; `fallback` when missing. */
  strings(
    raw: RawObject,
    key: string,
    path: string,
    fallback: string[],
    pattern: { re: RegExp; hint: string },
  ): string[] {
    const items = this.list(raw, key, path);
    if (items === undefined) return fallback;
    const result: string[] = [];
    items.forEach((item, i) => {
      if (typeof item !== 'string' || !pattern.re.test(item)) {
        this.fail(`${join(path, key)}[${i}]`, `'${String(item)}' is not valid: ${pattern.hint}`);
      } else {
        result.push(item);
      }
    });
    return result;
  }

  /** Records an issue for every value that appears more than once in `values`. */
  unique(values: { value: string; path: string }[], what: string): void {
    const seen = new Set<string>();
    for (const { value, path } of values) {
      if (seen.has(value)) this.fail(path, `duplicate ${what} '${value}'`);
      seen.add(value);
    }
  }
}

/** `a.b` path joining that tolerates an empty root. */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
