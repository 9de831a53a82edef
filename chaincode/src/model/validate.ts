/**
 * The parsing toolkit every model parser uses: a zod schema describes the input, and
 * {@link parseInput} turns it into a typed value or one VALIDATION_FAILED error listing every
 * problem as `{path, message}`. Top-level inputs are always JSON objects; a string is taken as
 * the JSON text of one (that is how a transaction receives its argument).
 */
import { z } from 'zod';
import { AllianceError, type ValidationIssue } from './errors';

export { z };

/** Dotted path of a zod issue (`scope.0.analyte`), '' for the input as a whole. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'symbol' ? part.toString() : String(part))).join('.');
}

/** Maps zod's issues to ours, keeping every one (a caller fixes all problems in one go). */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
}

/** The error thrown for invalid input, with its issues. */
export function validationFailed(issues: ValidationIssue[], what = 'input'): AllianceError {
  const first = issues[0];
  const summary =
    first === undefined ? '' : `: ${first.path === '' ? '' : `${first.path}: `}${first.message}`;
  return new AllianceError('VALIDATION_FAILED', `invalid ${what}${summary}`, { issues });
}

function fromJsonText(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw validationFailed([{ path: '', message: 'the argument is not valid JSON' }]);
  }
}

/**
 * Validates `raw` (a value, or the JSON text of one) against `schema`.
 * @throws AllianceError VALIDATION_FAILED with every issue found.
 */
export function parseInput<T>(schema: z.ZodType<T>, raw: unknown): T {
  if (raw === undefined) {
    throw validationFailed([{ path: '', message: 'a JSON object argument is required' }]);
  }
  const value = typeof raw === 'string' ? fromJsonText(raw) : raw;
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(toValidationIssues(result.error));
  return result.data;
}

/** A parser `(raw) => T` for one schema: the validating factory a model module exports. */
export function parserFor<T>(schema: z.ZodType<T>): (raw: unknown) => T {
  return (raw) => parseInput(schema, raw);
}

// Fabric composite-key attributes may not hold U+0000 or U+10FFFF, so identifiers exclude them
// (and other control characters, which no identifier needs).
// eslint-disable-next-line no-control-regex
const IDENTIFIER = /^[^\u0000-\u001f\u007f\u{10FFFF}]+$/u;

/** A non-empty identifier usable as a composite-key attribute (max 256 characters). */
export const identifier = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters')
  .regex(IDENTIFIER, 'must not contain control characters');

/** Free text that must say something (reasons, names): trimmed, 1..2000 characters. */
export const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(2000, 'must be at most 2000 characters');

/** An MSP ID as Fabric spells them (letters, digits, `.`, `-`, `_`). */
export const mspId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be an MSP ID such as LabMSP');

/** An ISO 8601 date-time with a time-zone offset (`2025-01-02T03:04:05Z`, `...+08:00`). */
export const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with offset',
});

/** An ISO 8601 calendar date (`2025-01-02`). */
export const isoDate = z.iso.date({ message: 'must be an ISO 8601 date (YYYY-MM-DD)' });

/** A lower-case hex SHA-256 digest. */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256 digest');

/** A finite number greater than zero. */
export const positiveNumber = z.number().positive('must be greater than 0');

/** A finite number of zero or more. */
export const nonNegativeNumber = z.number().nonnegative('must not be negative');

/** The input of a transaction that takes no fields (it still must be an object, if given). */
export const emptyInput = z.strictObject({});
