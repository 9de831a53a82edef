/** The closing lines of the demo: what to try next against the running network. */
import type { DemoIds } from './ids';

/** The commands to try after the demo, with this run's ids filled in. */
export function nextSteps(
  ids: DemoIds,
  lotId: string,
  batchId: string,
  evidenceDir: string,
  cli = 'node gateway/dist/cli/main.js',
): string[] {
  return [
    '',
    'Where to go next (the network keeps running in the background):',
    `  ${cli} verdict get ${batchId} --as brand/User1`,
    `  ${cli} trace ${lotId} --forward --as platform/auditor`,
    `  ${cli} lot holds ${batchId} --as brand/User1`,
    `  ${cli} report get ${ids.reportMetals} --as platform/auditor`,
    `  ${cli} report recognition ${ids.reportTocopherol} --as brand/User1 --json`,
    `  ${cli} instrument get ${ids.icpMs} --as lab/analyst`,
    `  ${cli} calibration crm-get ${ids.crmMetals} --as lab/analyst`,
    `  ${cli} run get ${ids.runMetals} --as verifier/analyst`,
    `  ${cli} verification outcome ${ids.caseId} --as brand/User1`,
    `  ${cli} document verify ${evidenceDir}/${ids.runMetals}.csv --from runs:GetRun -s runId=${ids.runMetals} --as lab/analyst`,
    `  ${cli} tx verify <txId> --as supplier/User1`,
    '  npm start                 run the story again with fresh ids on the same network',
    '  scripts/network.sh down   stop the network',
  ];
}
