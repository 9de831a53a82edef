import {
  AllianceError,
  parseDeclareErrorInput,
  parseFlagLotsInput,
  parseLiftHoldInput,
  parseProtocolInput,
  parseRevealInput,
  parseTransformInput,
  resultsCommitment,
} from '@alliance/chaincode/model';

function issues(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof AllianceError && error.code === 'VALIDATION_FAILED') return [...error.issues];
    throw error;
  }
  throw new Error('expected VALIDATION_FAILED');
}

const when = { eventTime: '2025-01-06T08:00:00Z', eventTimeZoneOffset: '+08:00' };

describe('supply model parsers', () => {
  it('checks a transformation: one output, ILMD lot matching it, no self-input, valid GLN', () => {
    const base = {
      transformationId: 'T-1',
      productId: 'P-1',
      inputQuantityList: [{ epcClass: '09506000134352.A-1', quantity: 1, uom: 'KGM' }],
      outputQuantityList: [{ epcClass: '09506000990019.FB-1', quantity: 1, uom: 'KGM' }],
      ilmd: { lotNumber: 'FB-1', itemExpirationDate: '2026-06-30' },
      bizLocation: '9506000130026',
      countryOfOrigin: 'CN',
      ...when,
    };
    expect(parseTransformInput(JSON.stringify(base)).outputQuantityList[0].epcClass).toBe(
      '09506000990019.FB-1',
    );
    expect(
      issues(() =>
        parseTransformInput({ ...base, ilmd: { lotNumber: 'FB', itemExpirationDate: '2026-06-30' } }),
      ),
    ).toEqual([{ path: 'ilmd.lotNumber', message: 'must be the lot of the output LGTIN' }]);
    const selfInput = {
      ...base,
      inputQuantityList: [{ epcClass: '09506000990019.FB-1', quantity: 1, uom: 'KGM' }],
    };
    expect(issues(() => parseTransformInput(selfInput))).toEqual([
      { path: 'outputQuantityList', message: 'a batch cannot be its own input' },
    ]);
    const paths = issues(() =>
      parseTransformInput({
        ...base,
        outputQuantityList: [],
        bizLocation: '9506000130020',
        inputQuantityList: [],
      }),
    ).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['inputQuantityList', 'outputQuantityList', 'bizLocation']));
  });

  it('requires the protocol fields each choice needs (rule 28)', () => {
    const analyte = {
      analyte: 'Pb',
      matrix: 'raw',
      unit: 'mg/kg',
      levels: [1],
      method: { id: 'M', version: '1', reference: 'USP <233>' },
      assignedValueSource: 'CRM',
      sigmaRule: 'FIXED_RSD',
      scoreType: 'En',
    };
    const protocol = {
      title: 't',
      labs: [
        { mspId: 'LabMSP', role: 'SENDING' },
        { mspId: 'VerifierMSP', role: 'RECEIVING' },
      ],
      analytes: [analyte],
      instruments: [{ lab: 'OtherMSP', instrumentId: 'I-1' }],
      testItems: [{ lotId: '09506000134352.A-1', homogeneityEvidence: 'H', stabilityEvidence: 'S' }],
      replicates: 3,
      acceptanceCriteria: '|En| <= 1',
    };
    expect(issues(() => parseProtocolInput({ caseId: 'C', protocol }))).toEqual([
      { path: 'protocol.analytes.0.assignedValue', message: 'required for a CRM-assigned value' },
      { path: 'protocol.analytes.0.fixedRsdPercent', message: 'required for FIXED_RSD' },
      { path: 'protocol.instruments.0.lab', message: 'must be a participating lab' },
    ]);
    const twice = {
      ...protocol,
      labs: [protocol.labs[0], protocol.labs[0]],
      instruments: [{ lab: 'LabMSP', instrumentId: 'I' }],
    };
    const ok = { ...analyte, assignedValue: 1, fixedRsdPercent: 10, referenceLab: 'NopeMSP' };
    expect(issues(() => parseProtocolInput({ caseId: 'C', protocol: { ...twice, analytes: [ok] } }))).toEqual(
      [
        { path: 'protocol.labs', message: 'each lab once' },
        { path: 'protocol.analytes.0.referenceLab', message: 'must be a participating lab' },
      ],
    );
  });

  it('parses holds, reveals and corrections', () => {
    expect(
      parseFlagLotsInput({
        lotIds: ['09506000134352.A-1'],
        cause: { kind: 'MANUAL', refId: 'R', reason: 'why' },
      }).cause.kind,
    ).toBe('MANUAL');
    expect(
      issues(() => parseFlagLotsInput({ lotIds: [], cause: { kind: 'WHIM', refId: 'R', reason: '' } })).map(
        (i) => i.path,
      ),
    ).toEqual(['lotIds', 'cause.kind', 'cause.reason']);
    expect(
      issues(() =>
        parseLiftHoldInput({ lotId: '09506000134352.A-1', holdId: 'H', basis: 'NEW_VERIFIED_REPORT' }),
      ),
    ).toEqual([{ path: 'reportId', message: expect.any(String) as string }]);
    expect(
      parseRevealInput({
        caseId: 'C',
        salt: '0123456789abcdef',
        results: [{ analyte: 'Pb', values: [1], expandedUncertainty: 0 }],
      }).results[0]?.coverageFactor,
    ).toBe(2);
    expect(
      issues(() => parseRevealInput({ caseId: 'C', salt: 'short', results: [] })).map((i) => i.path),
    ).toEqual(['salt', 'results']);
    expect(
      parseDeclareErrorInput({ lotId: '09506000134352.A-1', eventId: 'E', reason: 'r' }).correctiveEventIDs,
    ).toEqual([]);
  });

  it('computes a commitment that changes with any input and not with key order', () => {
    const results = [{ analyte: 'Pb', values: [1.1, 1.2], expandedUncertainty: 0.1, coverageFactor: 2 }];
    const c = resultsCommitment('C', 'LabMSP', results, 'salt-salt-salt-salt');
    expect(c).toMatch(/^[0-9a-f]{64}$/);
    const reordered = [{ coverageFactor: 2, expandedUncertainty: 0.1, values: [1.1, 1.2], analyte: 'Pb' }];
    expect(resultsCommitment('C', 'LabMSP', reordered, 'salt-salt-salt-salt')).toBe(c);
    expect(resultsCommitment('C', 'LabMSP', results, 'salt-salt-salt-salX')).not.toBe(c);
    expect(resultsCommitment('C', 'VerifierMSP', results, 'salt-salt-salt-salt')).not.toBe(c);
    expect(resultsCommitment('C2', 'LabMSP', results, 'salt-salt-salt-salt')).not.toBe(c);
  });
});
