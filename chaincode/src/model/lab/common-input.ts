/**
 * Schema pieces shared by the lab parsers: acceptance limits, qualification tests, document
 * hashes and id lists.
 */
import { z } from 'zod';
import { identifier, isoDateTime, sha256Hex, text } from '../validate';
import type { TestLimit } from './qualification';

/** A finite number (JSON has no NaN or Infinity, but a parsed value is checked anyway). */
export const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** Schema of an acceptance limit. */
export const testLimit: z.ZodType<TestLimit> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('MAX'), value: finite, inclusive: z.boolean() }),
  z.strictObject({ kind: z.literal('MIN'), value: finite, inclusive: z.boolean() }),
  z.strictObject({ kind: z.literal('DEVIATION'), value: finite.nonnegative(), relative: z.boolean() }),
  z
    .strictObject({ kind: z.literal('RANGE'), min: finite, max: finite })
    .refine((r) => r.min <= r.max, { path: ['max'], message: 'must not be below min' }),
]);

/** Schema of one qualification or daily-check test (its result is computed, never given). */
export const qualificationTest = z.strictObject({
  testId: identifier,
  name: text,
  unit: z.string().trim().min(1).max(40),
  setPoint: finite.optional(),
  measured: finite,
  limit: testLimit,
  referenceStandard: z
    .strictObject({
      description: text,
      crmId: identifier.optional(),
      certificateId: identifier.optional(),
      expiresAt: isoDateTime.optional(),
    })
    .optional(),
  performedBy: text,
});

/** Schema of a document bound by hash. */
export const documentHash = z.strictObject({ name: text, sha256: sha256Hex });

/** A non-empty list without repeats. */
export function uniqueList<T extends z.ZodType<string>>(item: T, what: string) {
  return z
    .array(item)
    .min(1, `must list at least one ${what}`)
    .refine((items) => new Set(items).size === items.length, `must not repeat a ${what}`);
}
