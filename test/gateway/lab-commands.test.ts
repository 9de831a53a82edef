// The lab facades and CLI groups cover every transaction of their contracts: the chaincode's
// access tables name each transaction once, so a new transaction without a facade method or a
// command fails here. And the readable views show what people look for.
import {
  CALIBRATIONS_ACCESS,
  INSTRUMENTS_ACCESS,
  REPORTS_ACCESS,
  RUNS_ACCESS,
} from '@alliance/chaincode/rules/lab/roles';
import {
  CALIBRATIONS_TRANSACTIONS,
  INSTRUMENTS_TRANSACTIONS,
  REPORTS_TRANSACTIONS,
  RUNS_TRANSACTIONS,
  type TransactionSpec,
} from '@alliance/gateway';
import type { AccessTable } from '@alliance/chaincode/rules/roles';
import { COMMAND_GROUPS } from '@alliance/gateway/cli/command-table';
import { LAB_VIEWS } from '@alliance/gateway/cli/lab-views';
import type { InstrumentRecord } from '@alliance/chaincode/model/lab/instrument';
import type { RecognitionRecord } from '@alliance/chaincode/model/lab/report';

const CASES: {
  contract: string;
  group: string;
  access: AccessTable;
  specs: Record<string, Pick<TransactionSpec<unknown, unknown>, 'contract' | 'name' | 'kind' | 'parseInput'>>;
}[] = [
  {
    contract: 'instruments',
    group: 'instrument',
    access: INSTRUMENTS_ACCESS,
    specs: INSTRUMENTS_TRANSACTIONS,
  },
  {
    contract: 'calibrations',
    group: 'calibration',
    access: CALIBRATIONS_ACCESS,
    specs: CALIBRATIONS_TRANSACTIONS,
  },
  { contract: 'runs', group: 'run', access: RUNS_ACCESS, specs: RUNS_TRANSACTIONS },
  { contract: 'reports', group: 'report', access: REPORTS_ACCESS, specs: REPORTS_TRANSACTIONS },
];

describe.each(CASES)(
  'the $contract facade and the $group command group',
  ({ contract, group, access, specs }) => {
    const transactions = Object.keys(access).sort();

    it('declare every transaction of the contract once, with the right kind', () => {
      const declared = Object.values(specs);
      expect(declared.map((s) => s.name).sort()).toEqual(transactions);
      for (const s of declared) {
        expect(s.contract).toBe(contract);
        expect(s.kind).toBe(access[s.name]?.evaluate === true ? 'evaluate' : 'submit');
        expect(s.parseInput).toBeDefined();
      }
    });

    it('give each transaction a subcommand with a readable view', () => {
      const entries = COMMAND_GROUPS.find((g) => g.name === group)?.commands ?? [];
      expect(entries.map((e) => e.spec.name).sort()).toEqual(transactions);
      expect(entries.every((e) => e.view !== undefined)).toBe(true);
      expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
    });
  },
);

describe('readable views', () => {
  it('show an instrument with its state, suspension and timeline as a table', () => {
    const stamp = { at: '2026-01-01T00:00:00.000Z', by: { mspId: 'LabMSP', printedName: 'a', userId: 'u' } };
    const record: InstrumentRecord = {
      instrumentId: 'ICP-1', ownerMspId: 'LabMSP', technique: 'ICP-MS', uspGroup: 'C', manufacturer: 'Vendor A', model: 'QMS', serialNumber: 'S1',
      softwareVersion: '5.1', firmwareVersion: '2.4', location: 'room 2', limitOverrides: [],
      qualification: { state: 'SUSPENDED', qualifiedUntil: '2027-01-01T00:00:00.000Z', suspension: { causes: ['CRM_REVOKED'], refIds: ['CRM-1'], since: '2026-06-01T00:00:00.000Z', requalifyFrom: 'PQ' } },
      timeline: [{ at: '2026-01-01T00:00:00.000Z', state: 'REGISTERED', reason: 'registered' }, { at: '2026-06-01T00:00:00.000Z', state: 'SUSPENDED', reason: 'suspended: CRM_REVOKED', refId: 'CRM-1' }],
      version: 3, created: stamp, updated: stamp,
    }; // prettier-ignore
    const text = LAB_VIEWS.instrument(record as never);
    expect(text).toMatch(/^instrument\s+ICP-1 \(LabMSP\)$/m);
    expect(text).toMatch(/^state\s+SUSPENDED$/m);
    expect(text).toMatch(/^suspended for\s+CRM_REVOKED$/m);
    expect(text).toMatch(/^2026-06-01T00:00:00.000Z\s+SUSPENDED\s+suspended: CRM_REVOKED\s+CRM-1$/m);
  });

  it('show a recognition with each condition and a suspension in words', () => {
    const r: RecognitionRecord = {
      reportId: 'R-1', labMspId: 'LabMSP', lotId: '09506000134352.L1', analytes: ['As'], status: 'CONDITIONALLY_RECOGNIZED',
      reasons: [{ code: 'SPECIATION_ANALYTE', message: 'As/inorganic needs comparative verification', effect: 'CONDITIONS' }],
      validUntil: '2027-01-01T00:00:00.000Z', computedAt: '2026-01-01T00:00:00.000Z', suspendedAt: '2026-02-01T00:00:00.000Z', suspensionCause: 'PT failed',
    }; // prettier-ignore
    const text = LAB_VIEWS.recognition(r as never);
    expect(text).toMatch(
      /^status\s+SUSPENDED since 2026-02-01T00:00:00.000Z: PT failed \(was CONDITIONALLY_RECOGNIZED\)$/m,
    );
    expect(text).toContain('conditions SPECIATION_ANALYTE: As/inorganic needs comparative verification');
  });
});
