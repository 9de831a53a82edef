/**
 * Default OQ/PQ acceptance limits per technique (rule 8). A lab may tighten a limit but never
 * loosen it. The ICP oxide / doubly-charged / drift values and the LC-MS resolution are
 * background-knowledge defaults (domain.md open item 1); they live here, in one table, so an
 * amendment is one edit.
 */
import type { Technique } from '../../model/lab/instrument';
import type { TestLimit } from '../../model/lab/qualification';

/** One default test: its limit, or `vendorSpec` when the limit is the vendor's own figure. */
export interface TemplateTest {
  testId: string;
  unit: string;
  /** Fixed set-point for DEVIATION limits the template pins (e.g. resolution 0.7 Da). */
  setPoint?: number;
  limit: TestLimit;
  /** The limit's value comes from the vendor's specification: any value of the same kind is accepted. */
  vendorSpec?: boolean;
}

const max = (value: number, inclusive = true): TestLimit => ({ kind: 'MAX', value, inclusive });
const dev = (value: number, relative = false): TestLimit => ({ kind: 'DEVIATION', value, relative });

const LC_MODULE_TESTS: readonly TemplateTest[] = [
  { testId: 'PUMP_FLOW_ACCURACY', unit: '%', limit: dev(5, true) },
  { testId: 'GRADIENT_ACCURACY', unit: '%', limit: dev(2) },
  { testId: 'INJECTOR_RSD', unit: '%', limit: max(1.0) },
  { testId: 'CARRY_OVER', unit: '%', limit: max(0.2) },
  { testId: 'COLUMN_OVEN_TEMPERATURE', unit: '°C', limit: dev(2) },
];

const ICP_MS_TESTS: readonly TemplateTest[] = [
  { testId: 'MASS_ACCURACY', unit: 'u', limit: dev(0.1) },
  { testId: 'PEAK_WIDTH_10PCT', unit: 'u', limit: max(0.9, false) },
  { testId: 'TUNE_PRECISION_RSD', unit: '%', limit: max(5, false) },
  { testId: 'OXIDE_RATIO', unit: '%', limit: max(2.5) },
  { testId: 'DOUBLY_CHARGED_RATIO', unit: '%', limit: max(3) },
  {
    testId: 'SENSITIVITY',
    unit: 'cps per µg/L',
    limit: { kind: 'MIN', value: 0, inclusive: true },
    vendorSpec: true,
  },
  { testId: 'DRIFT_2H', unit: '%', limit: max(10) },
];

const LC_MS_MS_TESTS: readonly TemplateTest[] = [
  { testId: 'MASS_ACCURACY', unit: 'Da', limit: dev(0.2) },
  { testId: 'RESOLUTION_FWHM', unit: 'Da', setPoint: 0.7, limit: dev(0.1) },
  { testId: 'MRM_AREA_RSD', unit: '%', limit: max(5) },
  ...LC_MODULE_TESTS,
];

const HPLC_UV_TESTS: readonly TemplateTest[] = [
  ...LC_MODULE_TESTS,
  { testId: 'WAVELENGTH_ACCURACY', unit: 'nm', limit: dev(2) },
  { testId: 'LINEARITY_R2', unit: '1', limit: { kind: 'MIN', value: 0.999, inclusive: true } },
];

const TEMPLATES: Partial<Record<Technique, readonly TemplateTest[]>> = {
  'ICP-MS': ICP_MS_TESTS,
  'LC-MS/MS': LC_MS_MS_TESTS,
  'HPLC-UV/DAD': HPLC_UV_TESTS,
  'HPLC-ICP-MS': [...ICP_MS_TESTS, ...LC_MODULE_TESTS],
};

/** The default OQ/PQ tests for a technique (empty when the alliance sets none). */
export function defaultTemplate(technique: Technique): readonly TemplateTest[] {
  return TEMPLATES[technique] ?? [];
}

/** The default test of a technique with this id, if any. */
export function templateTest(technique: Technique, testId: string): TemplateTest | undefined {
  return defaultTemplate(technique).find((t) => t.testId === testId);
}

/**
 * True when `candidate` accepts no measurement that `reference` rejects, i.e. it is the same
 * limit or a tighter one of the same kind.
 */
export function isNoLooser(candidate: TestLimit, reference: TestLimit, vendorSpec = false): boolean {
  switch (reference.kind) {
    case 'MAX':
      return (
        candidate.kind === 'MAX' &&
        (vendorSpec ||
          boundNoLooser(reference.value - candidate.value, candidate.inclusive, reference.inclusive))
      );
    case 'MIN':
      return (
        candidate.kind === 'MIN' &&
        (vendorSpec ||
          boundNoLooser(candidate.value - reference.value, candidate.inclusive, reference.inclusive))
      );
    case 'DEVIATION':
      return (
        candidate.kind === 'DEVIATION' &&
        candidate.relative === reference.relative &&
        candidate.value <= reference.value
      );
    case 'RANGE':
      return candidate.kind === 'RANGE' && candidate.min >= reference.min && candidate.max <= reference.max;
  }
}

/**
 * A bound moved inwards by `inwards` (positive = tighter) is no looser when it moved in, or
 * stayed put without turning an exclusive bound into an inclusive one.
 */
function boundNoLooser(inwards: number, candidateInclusive: boolean, referenceInclusive: boolean): boolean {
  return inwards > 0 || (inwards === 0 && (referenceInclusive || !candidateInclusive));
}
