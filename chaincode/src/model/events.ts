/**
 * Domain events: every transaction collects its events and, when it succeeds, sets ONE
 * chaincode event named {@link CHAINCODE_EVENT_NAME} whose payload lists them (Fabric keeps
 * only the last `setEvent` of a transaction).
 */
import { z } from 'zod';

/** The name of the single chaincode event a transaction sets. */
export const CHAINCODE_EVENT_NAME = 'alliance.events';

/** What an event is about: the kind of record and its id. */
export interface EventSubject {
  kind: string;
  id: string;
}

/** One thing that happened in a transaction. */
export interface DomainEvent {
  /** `${txId}:${index}`: unique and stable, so consumers can de-duplicate on replay. */
  id: string;
  /** Dotted name such as `member.suspended`, `lot.held`. */
  type: string;
  subject: EventSubject;
  data: Record<string, unknown>;
}

/** The payload of the chaincode event (canonical JSON). */
export interface ChaincodeEventPayload {
  txId: string;
  events: DomainEvent[];
}

const domainEvent = z.object({
  id: z.string(),
  type: z.string(),
  subject: z.object({ kind: z.string(), id: z.string() }),
  data: z.record(z.string(), z.unknown()),
});

const payloadSchema = z.object({ txId: z.string(), events: z.array(domainEvent) });

/**
 * Reads a chaincode event payload (bytes or text) as emitted by the chaincode.
 * @returns undefined when the payload is not an alliance event list.
 */
export function parseChaincodeEventPayload(payload: Uint8Array | string): ChaincodeEventPayload | undefined {
  try {
    const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
    const result = payloadSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
