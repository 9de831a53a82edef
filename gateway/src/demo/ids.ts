/**
 * The ids of one demo run. Everything the demo creates carries a suffix taken from the channel's
 * block height when it starts, so a second run on the same network makes new assets instead of
 * colliding with the first (no randomness: the same ledger gives the same ids).
 */

/** Every id one demo run uses. */
export interface DemoIds {
  readonly suffix: string;
  readonly productId: string;
  readonly lotNumber: string;
  readonly batchNumber: string;
  readonly icpMs: string;
  readonly lcMsMs: string;
  readonly crmMetals: string;
  readonly crmTocopherol: string;
  readonly calibrationMetals: string;
  readonly calibrationTocopherol: string;
  readonly tuneCheck: string;
  readonly sstCheck: string;
  readonly runMetals: string;
  readonly runTocopherol: string;
  readonly reportMetals: string;
  readonly reportTocopherol: string;
  readonly caseId: string;
  readonly transformationId: string;
}

/**
 * The ids of the run started at `blockHeight`.
 * @param blockHeight - the channel's height when the demo starts
 */
export function demoIds(blockHeight: bigint): DemoIds {
  const s = `B${blockHeight.toString()}`;
  return {
    suffix: s,
    productId: `P-VE400-${s}`,
    lotNumber: `VE${s}`,
    batchNumber: `SG${s}`,
    icpMs: `ICPMS-7900-${s}`,
    lcMsMs: `LCMSMS-6500-${s}`,
    crmMetals: `CRM-GBWE082430-${s}`,
    crmTocopherol: `CRM-VE-RRR-${s}`,
    calibrationMetals: `CAL-ICPMS-${s}`,
    calibrationTocopherol: `CAL-LCMSMS-${s}`,
    tuneCheck: `TUNE-ICPMS-${s}`,
    sstCheck: `SST-LCMSMS-${s}`,
    runMetals: `RUN-METALS-${s}`,
    runTocopherol: `RUN-VE-${s}`,
    reportMetals: `RPT-METALS-${s}`,
    reportTocopherol: `RPT-VE-${s}`,
    caseId: `CV-${s}`,
    transformationId: `TF-${s}`,
  };
}
