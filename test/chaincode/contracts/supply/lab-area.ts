/**
 * The lab area as seen by supply tests that involve no lab work: it has issued no reports and
 * tested no lots. (The chaincode binds the real lab area in `index.ts`; these tests bind this
 * one so lot, custody and lineage behaviour is checked on its own.)
 */
import { bindLabHooks } from '@alliance/chaincode/contracts/lots/lab-hooks';

/** Binds a lab area without reports. */
export function bindLabAreaWithoutReports(): void {
  bindLabHooks({
    reportsForLot: () => Promise.resolve([]),
    getReport: () => Promise.resolve(undefined),
    suspendRecognitions: () => Promise.resolve([]),
    lotsTestedWith: () => Promise.resolve([]),
  });
}
