/**
 * Arithmetic on a product specification. The formula gives grams of each ingredient in one
 * serving, so one serving weighs their sum; the maximum daily serving (grams of product per day)
 * scales each ingredient to its grams per day (m_i of rule 34) and sets the USP <2232>
 * per-gram limits (rule 22: limit = PDE / maxDailyServingG).
 */
import type { ProductSpecification } from '../model/product';

/** Grams of one serving: the sum of the formula. */
export function servingSizeG(spec: Pick<ProductSpecification, 'formula'>): number {
  return spec.formula.reduce((sum, item) => sum + item.gramsPerServing, 0);
}

/** Grams of each ingredient taken per maximum daily serving (m_i of rule 34), by material. */
export function dailyIngredientGrams(
  spec: Pick<ProductSpecification, 'formula' | 'maxDailyServingG'>,
): Record<string, number> {
  const servings = spec.maxDailyServingG / servingSizeG(spec);
  return Object.fromEntries(spec.formula.map((item) => [item.material, item.gramsPerServing * servings]));
}

/** The analytes `material` must be tested for under this specification (empty when none). */
export function requiredAnalytesFor(
  spec: Pick<ProductSpecification, 'requiredAnalytes'>,
  material: string,
): string[] {
  return spec.requiredAnalytes.find((r) => r.material === material)?.analytes ?? [];
}
