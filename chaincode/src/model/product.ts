/**
 * A brand's product specification (rules 22, 31, 34): the maximum daily serving (no default:
 * USP <2232> limits are PDE / serving), the formula (grams of each ingredient per serving), the
 * analytes each material must be tested for, the limit regime and the food category.
 */
import { z } from 'zod';
import type { AuditStamp } from './audit';
import { identifier, mspId, parserFor, positiveNumber, text } from './validate';

/** Limit regimes: USP <2232> (per daily serving) or China (GB 2762 / GB 16740, ChP). */
export const LIMIT_REGIMES = ['USP', 'CHINA'] as const;

/** One of {@link LIMIT_REGIMES}. */
export type LimitRegime = (typeof LIMIT_REGIMES)[number];

/** One ingredient of the formula. */
export interface FormulaItem {
  /** The raw material (its GTIN or the brand's material id). */
  material: string;
  gramsPerServing: number;
  /** Botanical (TCM-type) raw material: ChP botanical limits may apply (rule 24). */
  botanical?: boolean;
}

/** The analytes one material must be tested for before release. */
export interface RequiredAnalytes {
  material: string;
  analytes: string[];
}

/** A product specification, versioned; revisions keep the history. */
export interface ProductSpecification {
  productId: string;
  /** The brand (owner) organisation. */
  brandMspId: string;
  name: string;
  /** Maximum grams of product per day. */
  maxDailyServingG: number;
  formula: FormulaItem[];
  requiredAnalytes: RequiredAnalytes[];
  limitRegime: LimitRegime;
  /** Food category (GB 2762 category for the CHINA regime). */
  foodCategory: string;
  version: number;
  created: AuditStamp;
  updated: AuditStamp;
}

const unique = <T>(items: T[], key: (item: T) => string) => new Set(items.map(key)).size === items.length;

const specFields = {
  productId: identifier,
  name: text,
  maxDailyServingG: positiveNumber,
  formula: z
    .array(
      z.strictObject({
        material: identifier,
        gramsPerServing: positiveNumber,
        botanical: z.boolean().optional(),
      }),
    )
    .min(1, 'must list at least one ingredient')
    .refine((f) => unique(f, (i) => i.material), 'must not list a material twice'),
  requiredAnalytes: z
    .array(
      z.strictObject({
        material: identifier,
        analytes: z
          .array(identifier)
          .min(1, 'must list at least one analyte')
          .refine((a) => unique(a, (x) => x), 'must not repeat an analyte'),
      }),
    )
    .refine((r) => unique(r, (i) => i.material), 'must not list a material twice'),
  limitRegime: z.enum(LIMIT_REGIMES),
  foodCategory: text,
};

type SpecShape = { formula: { material: string }[]; requiredAnalytes: { material: string }[] };

/** Every material with required analytes must be an ingredient of the formula. */
function analytesNameFormulaMaterials(spec: SpecShape, ctx: z.RefinementCtx): void {
  const materials = new Set(spec.formula.map((i) => i.material));
  spec.requiredAnalytes.forEach((r, index) => {
    if (!materials.has(r.material)) {
      ctx.addIssue({
        code: 'custom',
        path: ['requiredAnalytes', index, 'material'],
        message: 'is not in the formula',
      });
    }
  });
}

/** RegisterProduct input. */
export const registerProductInput = z.strictObject(specFields).superRefine(analytesNameFormulaMaterials);
/** A validated RegisterProduct input. */
export type RegisterProductInput = z.infer<typeof registerProductInput>;
/** Validates the RegisterProduct argument. */
export const parseRegisterProductInput = parserFor(registerProductInput);

/** ReviseProduct input: the complete new specification and the reason. */
export const reviseProductInput = z
  .strictObject({ ...specFields, reason: text })
  .superRefine(analytesNameFormulaMaterials);
/** A validated ReviseProduct input. */
export type ReviseProductInput = z.infer<typeof reviseProductInput>;
/** Validates the ReviseProduct argument. */
export const parseReviseProductInput = parserFor(reviseProductInput);

/** GetProduct input. */
export const productRefInput = z.strictObject({ productId: identifier });
/** Validates the GetProduct argument. */
export const parseProductRefInput = parserFor(productRefInput);

/** ListProducts input: one brand, or all when omitted. */
export const listProductsInput = z.strictObject({ brandMspId: mspId.optional() });
/** Validates the ListProducts argument. */
export const parseListProductsInput = parserFor(listProductsInput);
