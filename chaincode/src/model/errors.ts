/**
 * The chaincode's error vocabulary. Fabric keeps only the message of a failed transaction
 * (always status 500), so an error travels as a marker followed by canonical JSON; the
 * gateway finds the marker inside whatever text Fabric wraps around it and rebuilds the error.
 */
import { canonicalJson } from '../ledger/json';

/** Stable machine codes; callers switch on these, never on messages. Add codes, never rename. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'ROLE_DENIED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'INVALID_STATE',
  'ALREADY_BOOTSTRAPPED',
  'NOT_BOOTSTRAPPED',
  'MEMBER_SUSPENDED',
  'NOT_OWNER',
  'SEGREGATION_OF_DUTIES',
  'SIGNATURE_MISMATCH',
  'CHRONOLOGY_VIOLATION',
  'INSTRUMENT_NOT_QUALIFIED',
  'CALIBRATION_NOT_TRACEABLE',
  'OUT_OF_SCOPE',
  'ACCREDITATION_INVALID',
  'MASS_BALANCE_EXCEEDED',
  'LOT_NOT_RELEASABLE',
  'LOT_NOT_FOUND',
  'EXPIRED',
  'UNKNOWN_UNIT',
  'LIMIT_LOOSENED',
  'METHOD_NOT_VALIDATED',
  'COMMITMENT_MISMATCH',
  'UNKNOWN_TRANSACTION',
  'INTERNAL_ERROR',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem found in an input: where (`items.0.unit`, '' for the whole input) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** The marker that starts an encoded error inside a Fabric error message. */
export const ALLIANCE_ERROR_MARKER = 'ALLIANCE_ERROR ';

/** A refusal with a stable code; nothing the transaction wrote is kept when it is thrown. */
export class AllianceError extends Error {
  /** The stable machine code. */
  readonly code: ErrorCode;
  /** Every validation problem found (empty for other codes). */
  readonly issues: readonly ValidationIssue[];
  /** Machine-readable context (ids, states, limits); JSON-safe. */
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: readonly ValidationIssue[]; details?: Readonly<Record<string, unknown>> } = {},
  ) {
    super(message);
    this.name = 'AllianceError';
    this.code = code;
    this.issues = options.issues ?? [];
    if (options.details !== undefined) this.details = options.details;
  }
}

/** True when `value` is an {@link AllianceError} (also across module copies, by name and code). */
export function isAllianceError(value: unknown): value is AllianceError {
  return (
    value instanceof AllianceError ||
    (value instanceof Error &&
      value.name === 'AllianceError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

/** True when `value` is an {@link AllianceError} with the given code. */
export function hasErrorCode(value: unknown, code: ErrorCode): value is AllianceError {
  return isAllianceError(value) && value.code === code;
}

/** `ALLIANCE_ERROR {"code":..,"details":..,"issues":[..],"message":..}` (sorted keys). */
export function encodeAllianceError(error: AllianceError): string {
  return (
    ALLIANCE_ERROR_MARKER +
    canonicalJson({ code: error.code, details: error.details, issues: error.issues, message: error.message })
  );
}

/** Index just past the JSON object that starts at `start`, or -1 when it never closes. */
function endOfObject(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

function isIssue(value: unknown): value is ValidationIssue {
  const v = value as Partial<ValidationIssue> | null;
  return typeof v === 'object' && v !== null && typeof v.path === 'string' && typeof v.message === 'string';
}

/**
 * Rebuilds the error encoded by {@link encodeAllianceError} from any text containing it
 * (Fabric prefixes such as `chaincode response 500, ...` or gRPC details are skipped).
 * @returns undefined when the text carries no well-formed encoded error.
 */
export function decodeAllianceError(text: string): AllianceError | undefined {
  const at = text.indexOf(ALLIANCE_ERROR_MARKER);
  if (at < 0) return undefined;
  const start = at + ALLIANCE_ERROR_MARKER.length;
  const end = endOfObject(text, start);
  if (end < 0) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text.slice(start, end));
  } catch {
    return undefined;
  }
  const { code, message, issues, details } = body as Record<string, unknown>;
  if (typeof code !== 'string' || !(ERROR_CODES as readonly string[]).includes(code)) return undefined;
  if (typeof message !== 'string') return undefined;
  const options: { issues: ValidationIssue[]; details?: Record<string, unknown> } = {
    issues: Array.isArray(issues) ? issues.filter(isIssue) : [],
  };
  if (typeof details === 'object' && details !== null && !Array.isArray(details)) {
    options.details = details as Record<string, unknown>;
  }
  return new AllianceError(code as ErrorCode, message, options);
}
