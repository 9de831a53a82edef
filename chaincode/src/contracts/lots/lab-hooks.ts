/**
 * What the supply area reads from and asks of the lab area (reports, recognitions, runs,
 * instruments). The lab area's queries (`contracts/reports/queries.ts`,
 * `contracts/instruments/queries.ts`) are bound here once, in `lab-binding.ts`, as facts in the
 * supply area's terms, so no supply module depends on the shape of a lab record and the two
 * areas do not import each other in a cycle.
 */
import { AllianceError } from '../../model/errors';
import type { AllianceContext } from '../context';

/** One result of a report as release, exposure and verdict read it. */
export interface ResultFacts {
  analyte: string;
  species: string;
  /** The value in µg/g (= mg/kg) when the analyte is an element, for the exposure check. */
  valueUgPerG?: number;
  /** The result conforms to its limit under the decision rule applied. */
  conforms: boolean;
  /** A speciation result is still required (rule 23). */
  speciationRequired: boolean;
}

/** One report as the supply area reads it. */
export interface ReportFacts {
  reportId: string;
  lotId: string;
  labMspId: string;
  /** The report reached VERIFIED (and was not amended or revoked since). */
  verified: boolean;
  /** When it was verified, if it was. */
  verifiedAt?: string;
  recognition:
    'RECOGNIZED' | 'CONDITIONALLY_RECOGNIZED' | 'NOT_RECOGNIZED' | 'SUSPENDED' | 'EXPIRED' | undefined;
  /** Every calibration behind the report's runs is T1. */
  t1: boolean;
  /** Any submission behind the report carried LATE_ENTRY. */
  lateEntry: boolean;
  /** Every instrument stayed QUALIFIED with no SUSPENDED period overlapping a run. */
  instrumentsQualified: boolean;
  runs: string[];
  instruments: string[];
  calibrations: string[];
  results: ResultFacts[];
}

/** The lab area's hooks, in the supply area's terms (chaincode-api.md, "Cross-area hooks"). */
export interface LabHooks {
  /** Every report on a lot (any state), oldest first. */
  reportsForLot(ctx: AllianceContext, lotId: string): Promise<ReportFacts[]>;
  /** One report, if it exists. */
  getReport(ctx: AllianceContext, reportId: string): Promise<ReportFacts | undefined>;
  /** Suspends a lab's recognitions for some analytes; returns the suspended recognition ids. */
  suspendRecognitions(
    ctx: AllianceContext,
    labMspId: string,
    analytes: string[] | 'ALL',
    cause: string,
  ): Promise<string[]>;
  /** Lots tested by a lab, on an instrument or with a CRM. */
  lotsTestedWith(
    ctx: AllianceContext,
    by: { labMspId?: string; instrumentId?: string; crmId?: string },
  ): Promise<string[]>;
}

let bound: LabHooks | undefined;

/** Binds the lab area's hooks (called once when the chaincode's contracts are loaded). */
export function bindLabHooks(hooks: LabHooks): void {
  bound = hooks;
}

/**
 * The bound lab hooks.
 * @throws AllianceError INTERNAL_ERROR when the chaincode was assembled without the lab area
 */
export function labHooks(): LabHooks {
  if (bound === undefined)
    throw new AllianceError('INTERNAL_ERROR', 'the lab area is not bound to the supply area');
  return bound;
}
