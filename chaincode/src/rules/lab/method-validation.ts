/**
 * The method-validation gate (rule 26). Elemental methods need USP <233>-type validation:
 * recovery 70-150 % at 50, 100 and 150 % of J, repeatability RSD ≤ 20 %, intermediate precision
 * RSD ≤ 25 %, and per run drift ≤ 20 %. Chromatographic vitamin methods need recovery and
 * precision within their own record (default 80-120 %, RSD ≤ 15 %, a background-knowledge
 * default), and per run RT within ±0.1 min and, for LC-MS/MS, ion ratio within ±30 % (open item 7).
 */
import type {
  MethodAcceptance,
  MethodKind,
  MethodValidationRecord,
  RunSuitability,
} from '../../model/lab/method';
import type { RuleViolation } from './violation';

/** USP <233> criteria for quantitative elemental procedures. */
export const ELEMENTAL_CRITERIA = {
  levelsPctOfJ: [50, 100, 150],
  recoveryMinPct: 70,
  recoveryMaxPct: 150,
  repeatabilityRsdMaxPct: 20,
  intermediatePrecisionRsdMaxPct: 25,
  driftMaxPct: 20,
} as const;

/** Defaults for chromatographic vitamin methods when the record states none. */
export const CHROMATOGRAPHIC_DEFAULTS: MethodAcceptance = {
  recoveryMinPct: 80,
  recoveryMaxPct: 120,
  rsdMaxPct: 15,
};

/** Per-run limits for chromatographic methods. */
export const RUN_LIMITS = { retentionTimeMaxMin: 0.1, ionRatioMaxPct: 30 } as const;

const gate = (message: string, path?: string): RuleViolation =>
  path === undefined
    ? { code: 'METHOD_NOT_VALIDATED', message }
    : { code: 'METHOD_NOT_VALIDATED', message, path };

/** Every reason the method record does not pass the gate. */
export function methodValidationViolations(record: MethodValidationRecord): RuleViolation[] {
  return record.kind === 'ELEMENTAL' ? elementalViolations(record) : chromatographicViolations(record);
}

function elementalViolations(record: MethodValidationRecord): RuleViolation[] {
  const c = ELEMENTAL_CRITERIA;
  const violations: RuleViolation[] = [];
  for (const level of c.levelsPctOfJ) {
    const found = record.recovery.find((r) => r.levelPctOfJ === level);
    if (found === undefined) {
      violations.push(gate(`no recovery at ${level} % of J`, 'recovery'));
    } else if (found.meanRecoveryPct < c.recoveryMinPct || found.meanRecoveryPct > c.recoveryMaxPct) {
      violations.push(
        gate(`recovery ${found.meanRecoveryPct} % at ${level} % of J is outside 70-150 %`, 'recovery'),
      );
    }
  }
  if (record.repeatabilityRsdPct > c.repeatabilityRsdMaxPct) {
    violations.push(
      gate(`repeatability RSD ${record.repeatabilityRsdPct} % exceeds 20 %`, 'repeatabilityRsdPct'),
    );
  }
  const ip = record.intermediatePrecisionRsdPct;
  if (ip === undefined || ip > c.intermediatePrecisionRsdMaxPct) {
    violations.push(gate('intermediate precision RSD missing or above 25 %', 'intermediatePrecisionRsdPct'));
  }
  return violations;
}

function chromatographicViolations(record: MethodValidationRecord): RuleViolation[] {
  const a = record.acceptance ?? CHROMATOGRAPHIC_DEFAULTS;
  const violations: RuleViolation[] = [];
  if (record.recovery.length === 0) {
    violations.push(gate('no recovery data', 'recovery'));
  }
  for (const r of record.recovery) {
    if (r.meanRecoveryPct < a.recoveryMinPct || r.meanRecoveryPct > a.recoveryMaxPct) {
      violations.push(
        gate(
          `recovery ${r.meanRecoveryPct} % is outside ${a.recoveryMinPct}-${a.recoveryMaxPct} %`,
          'recovery',
        ),
      );
    }
  }
  if (record.repeatabilityRsdPct > a.rsdMaxPct) {
    violations.push(
      gate(`precision RSD ${record.repeatabilityRsdPct} % exceeds ${a.rsdMaxPct} %`, 'repeatabilityRsdPct'),
    );
  }
  return violations;
}

/** Every reason a run's system suitability fails the method family's per-run criteria. */
export function runSuitabilityViolations(kind: MethodKind, s: RunSuitability | undefined): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (kind === 'ELEMENTAL') {
    if (s?.driftPct === undefined || Math.abs(s.driftPct) > ELEMENTAL_CRITERIA.driftMaxPct) {
      violations.push(gate('run drift missing or above 20 %', 'suitability.driftPct'));
    }
    return violations;
  }
  const rt = s?.retentionTimeDeviationMin;
  if (rt === undefined || Math.abs(rt) > RUN_LIMITS.retentionTimeMaxMin) {
    violations.push(
      gate('retention-time deviation missing or beyond ±0.1 min', 'suitability.retentionTimeDeviationMin'),
    );
  }
  const ion = s?.ionRatioDeviationPct;
  if (kind === 'LC_MS_MS' && (ion === undefined || Math.abs(ion) > RUN_LIMITS.ionRatioMaxPct)) {
    violations.push(gate('ion-ratio deviation missing or beyond ±30 %', 'suitability.ionRatioDeviationPct'));
  }
  return violations;
}

/** The method family a result of this analyte kind needs. */
export function methodFitsAnalyte(kind: MethodKind, analyteKind: 'ELEMENT' | 'VITAMIN'): boolean {
  return analyteKind === 'ELEMENT' ? kind === 'ELEMENTAL' : kind !== 'ELEMENTAL';
}
