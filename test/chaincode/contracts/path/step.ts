/**
 * One submitted step of a path test: the transaction must succeed, its result must be canonical
 * JSON that fabric-contract-api's own serializer (with its class-transformer copy) passes through
 * byte for byte, and the step answers with its result and the domain events it emitted.
 */
import { JSONSerializer } from 'fabric-contract-api';
import { canonicalJson } from '@alliance/chaincode/model';
import type { LedgerHarness, TestIdentity } from '../../support';

const serializer = new JSONSerializer();

/** What a step returned and emitted. */
export interface StepResult<T> {
  value: T;
  /** `[type, subject id]` of every domain event, in order. */
  events: [string, string][];
  /** The events' data, in order. */
  data: Record<string, unknown>[];
}

/** Submits `fn` as `as`, expecting success and a result the contract API serialises unchanged. */
export async function step<T = unknown>(
  h: LedgerHarness,
  as: TestIdentity,
  fn: string,
  arg?: unknown,
): Promise<StepResult<T>> {
  const result = await h.invoke(as, fn, arg);
  if (!result.ok) throw new Error(`${fn} failed: ${result.message}`);
  if (result.payload !== '') {
    expect(result.payload).toBe(canonicalJson(JSON.parse(result.payload)));
    expect(Buffer.from(serializer.toBuffer(result.payload, {})).toString('utf8')).toBe(result.payload);
  }
  return {
    value: (result.payload === '' ? undefined : JSON.parse(result.payload)) as T,
    events: result.events.map((e) => [e.type, e.subject.id]),
    data: result.events.map((e) => e.data),
  };
}
