/**
 * What a transaction's validated input says about the changes it makes, for the audit trail
 * (rule 3): the reason the caller states (a top-level `reason`, as every correction, revocation,
 * suspension and amendment input has) and the time the client claims for the event (EPCIS
 * `eventTime` with `eventTimeZoneOffset`, or the lab inputs' own "when" field, whose offset is
 * part of its ISO 8601 text). These are the same times rule 5 checks against ledger time.
 */

/** The lab inputs' event-time fields, in the order they are looked for. */
const LAB_EVENT_TIME_FIELDS = ['performedAt', 'changedAt', 'calibratedAt', 'endedAt', 'issuedAt'] as const;

/** A client's claim of when the event happened. */
export interface ClaimedTime {
  eventTime: string;
  eventTimeZoneOffset: string;
}

function field(input: unknown, name: string): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const value: unknown = Object.prototype.hasOwnProperty.call(input, name)
    ? (input as Record<string, unknown>)[name]
    : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The reason stated by a validated input, if it has one. */
export function statedReason(input: unknown): string | undefined {
  return field(input, 'reason');
}

/** `+08:00` from an ISO 8601 date-time's offset (`Z`, `+08:00`, `+0800`, `+08`); undefined without one. */
export function offsetOf(isoDateTime: string): string | undefined {
  if (isoDateTime.endsWith('Z') || isoDateTime.endsWith('z')) return '+00:00';
  const match = /([+-])(\d{2}):?(\d{2})?$/.exec(isoDateTime);
  if (match === null || !isoDateTime.includes('T')) return undefined;
  return `${match[1]}${match[2]}:${match[3] ?? '00'}`;
}

/** The event time a validated input claims, with its offset, if it carries one. */
export function claimedEventTime(input: unknown): ClaimedTime | undefined {
  const eventTime = field(input, 'eventTime');
  if (eventTime !== undefined) {
    const eventTimeZoneOffset = field(input, 'eventTimeZoneOffset') ?? offsetOf(eventTime);
    return eventTimeZoneOffset === undefined ? undefined : { eventTime, eventTimeZoneOffset };
  }
  for (const name of LAB_EVENT_TIME_FIELDS) {
    const time = field(input, name);
    const offset = time === undefined ? undefined : offsetOf(time);
    if (time !== undefined && offset !== undefined) return { eventTime: time, eventTimeZoneOffset: offset };
  }
  return undefined;
}
