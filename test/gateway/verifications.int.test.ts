// The verifications facade and the `verification` CLI group against the embedded network and the
// real chaincode: a frozen protocol through commit-reveal to a scored outcome, and every refusal.
import {
  parseProtocolInput,
  resultsCommitment,
  type RevealedResult,
  type VerificationOutcomeRecord,
} from '@alliance/chaincode/model';
import { canonicalJson } from '@alliance/chaincode/ledger/json';
import type { VerificationCaseView } from '@alliance/gateway';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  commandsNotRun,
  data as d,
  expectCliFailure,
  expectCliRefusal,
  jsonOf,
  ok,
  refusedWith,
  startBootstrappedAlliance,
  type BootstrappedAlliance,
} from './support/alliance';
import { tempDir } from './support/pki';
import { GTIN_A, lotInState, productSpec } from './support/supply';

jest.setTimeout(120_000);

let a: BootstrappedAlliance;
let lotId: string;
beforeAll(async () => {
  a = await startBootstrappedAlliance();
  await a.as('brand/Admin').products.register(productSpec());
  lotId = await lotInState(a, 'RECEIVED', GTIN_A, 'CV-1');
});
afterAll(async () => {
  await a.stop();
});

/** A two-lab protocol for Pb on the fixture lot: the overseas lab sends, the domestic verifier is the reference. */
function protocol(replicates = 3) {
  return {
    title: 'Pb in turmeric extract: overseas lab vs domestic verifier',
    labs: [
      { mspId: 'LabMSP', role: 'SENDING' as const },
      { mspId: 'VerifierMSP', role: 'REFERENCE' as const },
    ],
    analytes: [
      {
        analyte: 'Pb',
        matrix: 'raw material',
        unit: 'mg/kg' as const,
        levels: [1],
        method: { id: 'M-ICPMS-PB', version: '3', reference: 'USP <233>' },
        assignedValueSource: 'REFERENCE_LAB' as const,
        referenceLab: 'VerifierMSP',
        sigmaRule: 'HORWITZ_THOMPSON' as const,
        scoreType: 'z' as const,
      },
    ],
    instruments: [
      { lab: 'LabMSP', instrumentId: 'ICPMS-7' },
      { lab: 'VerifierMSP', instrumentId: 'ICPMS-V1' },
    ],
    testItems: [{ lotId, homogeneityEvidence: 'HOM-2025-11', stabilityEvidence: 'STAB-2025-11' }],
    replicates,
    acceptanceCriteria: '|z| <= 2, HorRat 0.5-2.0',
  };
}

const SALT = { LabMSP: 'lab-salt-0123456789', VerifierMSP: 'verifier-salt-987654' };
const pb = (values: number[], u = 0.1): RevealedResult[] => [
  { analyte: 'Pb', values, expandedUncertainty: u, coverageFactor: 2 },
];
const REFERENCE = pb([1, 1, 1], 0.04);
const LAB = pb([1.1, 1.2, 1.3]);

describe('verifications facade', () => {
  it('opens, revises, approves, dispatches, commits, reveals, scores and closes a case', async () => {
    const brand = a.as('brand/Admin').verifications;
    const opened = await brand.open({ caseId: 'CV-OK', protocol: protocol() });
    expect(opened.result).toMatchObject({
      state: 'DRAFT',
      verifier: 'VerifierMSP',
      requester: 'BrandMSP',
      protocolVersion: 1,
    });
    expect(
      (
        await brand.reviseProtocol({
          caseId: 'CV-OK',
          protocol: { ...protocol(), acceptanceCriteria: '|z| <= 2' },
        })
      ).result.protocolVersion,
    ).toBe(2);
    await a.as('lab/approver').verifications.approveProtocol({ caseId: 'CV-OK' });
    await a.as('verifier/approver').verifications.approveProtocol({ caseId: 'CV-OK' });
    expect(
      (await a.as('brand/approver').verifications.approveProtocol({ caseId: 'CV-OK' })).result.state,
    ).toBe('APPROVED');
    expect((await a.as('brand/User1').verifications.dispatchSamples({ caseId: 'CV-OK' })).result.state).toBe(
      'SAMPLES_DISPATCHED',
    );
    await a.as('lab/analyst').verifications.commitResults({
      caseId: 'CV-OK',
      commitment: resultsCommitment('CV-OK', 'LabMSP', LAB, SALT.LabMSP),
    });
    await a.as('verifier/analyst').verifications.commitResults({
      caseId: 'CV-OK',
      commitment: resultsCommitment('CV-OK', 'VerifierMSP', REFERENCE, SALT.VerifierMSP),
    });
    await refusedWith(
      a
        .as('lab/analyst')
        .verifications.revealResults({ caseId: 'CV-OK', salt: SALT.LabMSP, results: pb([1, 1.05, 1.1]) }),
      'COMMITMENT_MISMATCH',
    );
    await a
      .as('lab/analyst')
      .verifications.revealResults({ caseId: 'CV-OK', salt: SALT.LabMSP, results: LAB });
    const done = await a
      .as('verifier/analyst')
      .verifications.revealResults({ caseId: 'CV-OK', salt: SALT.VerifierMSP, results: REFERENCE });
    expect(done.result).toMatchObject({ state: 'SATISFACTORY', outcome: 'SATISFACTORY' });
    const auditor = a.as('platform/auditor').verifications;
    expect(await auditor.get({ caseId: 'CV-OK' })).toMatchObject({
      case: { state: 'SATISFACTORY', protocolVersion: 2 },
      protocol: { version: 2 },
    });
    const outcome: VerificationOutcomeRecord = await auditor.outcome({ caseId: 'CV-OK' });
    expect(outcome.evaluations[0]).toMatchObject({
      analyte: 'Pb',
      assignedValue: 1,
      outcome: 'SATISFACTORY',
    });
    expect(
      (await a.as('verifier/Admin').verifications.close({ caseId: 'CV-OK', reason: 'satisfactory, filed' }))
        .result.state,
    ).toBe('CLOSED');
  });

  it('investigates a questionable case and closes it', async () => {
    await approvedAndDispatched('CV-Q');
    await commitAndReveal('CV-Q', pb([1.35, 1.35, 1.35]));
    await refusedWith(a.as('lab/Admin').verifications.investigate({ caseId: 'CV-Q' }), 'ROLE_DENIED');
    expect((await a.as('verifier/Admin').verifications.investigate({ caseId: 'CV-Q' })).result.state).toBe(
      'INVESTIGATION',
    );
    await refusedWith(
      a.as('supplier/Admin').verifications.close({ caseId: 'CV-Q', reason: 'r' }),
      'ROLE_DENIED',
    );
    expect(
      (await a.as('brand/Admin').verifications.close({ caseId: 'CV-Q', reason: 'CAPA: digestion corrected' }))
        .result.state,
    ).toBe('CLOSED');
  });

  it('refuses each step to the wrong org or user', async () => {
    await a.as('brand/Admin').verifications.open({ caseId: 'CV-R', protocol: protocol() });
    const commitment = resultsCommitment('CV-R', 'LabMSP', LAB, SALT.LabMSP);
    await refusedWith(
      a.as('verifier/Admin').verifications.open({ caseId: 'CV-R2', protocol: protocol() }),
      'ROLE_DENIED',
    );
    await refusedWith(
      a.as('brand/User1').verifications.reviseProtocol({ caseId: 'CV-R', protocol: protocol() }),
      'ROLE_DENIED',
    );
    await refusedWith(a.as('brand/Admin').verifications.approveProtocol({ caseId: 'CV-R' }), 'ROLE_DENIED');
    await refusedWith(
      a.as('supplier/Admin').verifications.approveProtocol({ caseId: 'CV-R' }),
      'ROLE_DENIED',
    );
    await refusedWith(a.as('lab/Admin').verifications.dispatchSamples({ caseId: 'CV-R' }), 'ROLE_DENIED');
    await refusedWith(
      a.as('brand/User1').verifications.commitResults({ caseId: 'CV-R', commitment }),
      'ROLE_DENIED',
    );
    await refusedWith(
      a.as('lab/Admin').verifications.revealResults({ caseId: 'CV-R', salt: SALT.LabMSP, results: LAB }),
      'ROLE_DENIED',
    );
    await refusedWith(a.as('brand/User1').verifications.investigate({ caseId: 'CV-R' }), 'ROLE_DENIED');
    await refusedWith(
      a.as('lab/approver').verifications.close({ caseId: 'CV-R', reason: 'r' }),
      'ROLE_DENIED',
    );
    // A case's steps out of order: dispatch before approval, reveal before every commitment.
    await refusedWith(a.as('brand/User1').verifications.dispatchSamples({ caseId: 'CV-R' }), 'INVALID_STATE');
    await refusedWith(
      a.as('verifier/Admin').verifications.close({ caseId: 'CV-R', reason: 'r' }),
      'INVALID_STATE',
    );
  });

  it('refuses bad input before sending, and unknown cases or outcomes', async () => {
    const brand = a.as('brand/Admin').verifications;
    const { instruments: _dropped, ...noInstruments } = protocol();
    const missing = await refusedWith(
      brand.open({ caseId: 'CV-X', protocol: noInstruments as ReturnType<typeof protocol> }),
      'VALIDATION_FAILED',
    );
    expect(missing).toMatchObject({ stage: 'input' });
    expect(missing.issues.map((i) => i.path)).toContain('protocol.instruments');
    await refusedWith(
      brand.reviseProtocol({ caseId: 'CV-R', protocol: { ...protocol(), replicates: 0 } }),
      'VALIDATION_FAILED',
    );
    await refusedWith(
      a.as('lab/analyst').verifications.commitResults({ caseId: 'CV-R', commitment: 'not-a-hash' }),
      'VALIDATION_FAILED',
    );
    await refusedWith(
      a.as('lab/analyst').verifications.revealResults({ caseId: 'CV-R', salt: 'short', results: LAB }),
      'VALIDATION_FAILED',
    );
    await refusedWith(brand.close({ caseId: 'CV-R', reason: '' }), 'VALIDATION_FAILED');
    const empty = { caseId: '' };
    await Promise.all(
      [
        brand.approveProtocol(empty),
        brand.dispatchSamples(empty),
        brand.investigate(empty),
        brand.get(empty),
        brand.outcome(empty),
      ].map((call) => refusedWith(call, 'VALIDATION_FAILED')),
    );
    await refusedWith(brand.open({ caseId: 'CV-R', protocol: protocol() }), 'ALREADY_EXISTS');
    const noLot = {
      ...protocol(),
      testItems: [{ lotId: `${GTIN_A}.NOPE`, homogeneityEvidence: 'H', stabilityEvidence: 'S' }],
    };
    await refusedWith(brand.open({ caseId: 'CV-NL', protocol: noLot }), 'LOT_NOT_FOUND');
    await refusedWith(brand.reviseProtocol({ caseId: 'CV-NONE', protocol: protocol() }), 'NOT_FOUND');
    await refusedWith(a.as('lab/approver').verifications.approveProtocol({ caseId: 'CV-NONE' }), 'NOT_FOUND');
    await refusedWith(brand.dispatchSamples({ caseId: 'CV-NONE' }), 'NOT_FOUND');
    await refusedWith(
      a.as('lab/analyst').verifications.commitResults({ caseId: 'CV-NONE', commitment: 'a'.repeat(64) }),
      'NOT_FOUND',
    );
    await refusedWith(
      a.as('lab/analyst').verifications.revealResults({ caseId: 'CV-NONE', salt: SALT.LabMSP, results: LAB }),
      'NOT_FOUND',
    );
    await refusedWith(a.as('verifier/Admin').verifications.investigate({ caseId: 'CV-NONE' }), 'NOT_FOUND');
    await refusedWith(brand.close({ caseId: 'CV-NONE', reason: 'r' }), 'NOT_FOUND');
    await refusedWith(brand.get({ caseId: 'CV-NONE' }), 'NOT_FOUND');
    await refusedWith(brand.outcome({ caseId: 'CV-R' }), 'NOT_FOUND');
  });
});

describe('CLI: verification commands', () => {
  const commit = (caseId: string, lab: 'LabMSP' | 'VerifierMSP', results: RevealedResult[]): string[] =>
    d({ caseId, commitment: resultsCommitment(caseId, lab, results, SALT[lab]) });

  it('runs every verification command', async () => {
    ok(await a.cli('brand/Admin', 'verification', 'open', ...d({ caseId: 'CV-CLI', protocol: protocol() })));
    ok(
      await a.cli(
        'brand/Admin',
        'verification',
        'revise',
        ...d({ caseId: 'CV-CLI', protocol: { ...protocol(), title: 'Pb, revised' } }),
      ),
    );
    for (const who of ['lab/approver', 'verifier/approver', 'brand/approver'])
      ok(await a.cli(who, 'verification', 'approve', 'CV-CLI'));
    ok(await a.cli('brand/User1', 'verification', 'dispatch', 'CV-CLI'));
    ok(
      await a.cli(
        'lab/analyst',
        'verification',
        'commit',
        ...commit('CV-CLI', 'LabMSP', pb([1.35, 1.35, 1.35])),
      ),
    );
    ok(
      await a.cli(
        'verifier/analyst',
        'verification',
        'commit',
        ...commit('CV-CLI', 'VerifierMSP', REFERENCE),
      ),
    );
    ok(
      await a.cli(
        'lab/analyst',
        'verification',
        'reveal',
        ...d({ caseId: 'CV-CLI', salt: SALT.LabMSP, results: pb([1.35, 1.35, 1.35]) }),
      ),
    );
    ok(
      await a.cli(
        'verifier/analyst',
        'verification',
        'reveal',
        ...d({ caseId: 'CV-CLI', salt: SALT.VerifierMSP, results: REFERENCE }),
      ),
    );
    expect(
      jsonOf<VerificationCaseView>(await a.cli('platform/auditor', '--json', 'verification', 'get', 'CV-CLI'))
        .case.state,
    ).toMatch(/QUESTIONABLE|UNSATISFACTORY/);
    expect((await a.cli('brand/User1', 'verification', 'outcome', 'CV-CLI')).out).toMatch(
      /^evaluations\s+\[\{"analyte":"Pb"/m,
    );
    ok(await a.cli('verifier/Admin', 'verification', 'investigate', 'CV-CLI'));
    expect(
      (
        await a.cli(
          'verifier/Admin',
          'verification',
          'close',
          '-s',
          'caseId=CV-CLI',
          '-s',
          'reason=CAPA done',
        )
      ).out,
    ).toMatch(/^committed tx [0-9a-f]{64} in block \d+/);
    expect(commandsNotRun(a, ['verification'])).toEqual([]);
  });

  it('exits 2 naming the code, with no stack trace, on wrong role, bad input and not found', async () => {
    expectCliRefusal(
      await a.cli('supplier/Admin', 'verification', 'open', ...d({ caseId: 'CV-N', protocol: protocol() })),
      'ROLE_DENIED',
    );
    expectCliRefusal(await a.cli('brand/Admin', 'verification', 'approve', 'CV-R'), 'ROLE_DENIED');
    expectCliRefusal(
      await a.cli('lab/analyst', 'verification', 'commit', '-s', 'caseId=CV-R', '-s', 'commitment=xyz'),
      'VALIDATION_FAILED',
    );
    expectCliRefusal(
      await a.cli('brand/Admin', 'verification', 'open', ...d({ caseId: 'CV-N' })),
      'VALIDATION_FAILED',
    );
    expectCliRefusal(await a.cli('brand/User1', 'verification', 'get', 'CV-NONE'), 'NOT_FOUND');
    expectCliRefusal(await a.cli('brand/User1', 'verification', 'outcome', 'CV-R'), 'NOT_FOUND');
    expectCliRefusal(await a.cli('brand/User1', 'verification', 'dispatch', 'CV-NONE'), 'NOT_FOUND');
  });
});

async function approvedAndDispatched(caseId: string): Promise<void> {
  await a.as('brand/Admin').verifications.open({ caseId, protocol: protocol() });
  for (const who of ['lab/approver', 'verifier/approver', 'brand/approver'])
    await a.as(who).verifications.approveProtocol({ caseId });
  await a.as('brand/User1').verifications.dispatchSamples({ caseId });
}

async function commitAndReveal(caseId: string, lab: RevealedResult[]): Promise<void> {
  await a.as('lab/analyst').verifications.commitResults({
    caseId,
    commitment: resultsCommitment(caseId, 'LabMSP', lab, SALT.LabMSP),
  });
  await a.as('verifier/analyst').verifications.commitResults({
    caseId,
    commitment: resultsCommitment(caseId, 'VerifierMSP', REFERENCE, SALT.VerifierMSP),
  });
  await a.as('lab/analyst').verifications.revealResults({ caseId, salt: SALT.LabMSP, results: lab });
  await a
    .as('verifier/analyst')
    .verifications.revealResults({ caseId, salt: SALT.VerifierMSP, results: REFERENCE });
}

describe('CLI: document verify', () => {
  // The frozen protocol is a document the case anchors: its SHA-256 is the case's protocolHash.
  const protocolFile = (): string => {
    const file = join(tempDir(), 'protocol.json');
    writeFileSync(
      file,
      canonicalJson(
        parseProtocolInput({ caseId: 'CV-CLI', protocol: { ...protocol(), title: 'Pb, revised' } }).protocol,
      ),
    );
    return file;
  };

  it('exits 0 when the file is the anchored document, 4 when it is not', async () => {
    const file = protocolFile();
    const match = ok(
      await a.cli(
        'brand/User1',
        'document',
        'verify',
        file,
        '--from',
        'verifications:GetCase',
        '-s',
        'caseId=CV-CLI',
      ),
    );
    expect(match.out).toMatch(/^MATCHES: .* is anchored at (case\.protocolHash|protocol\.hash)\n$/);
    writeFileSync(file, `${readFileSync(file, 'utf8')} `);
    const differs = await a.cli(
      'brand/User1',
      'document',
      'verify',
      file,
      '--from',
      'verifications:GetCase',
      '-s',
      'caseId=CV-CLI',
    );
    expect(differs.code).toBe(4);
    expect(differs.out).toMatch(/^NO MATCH: /);
    expect(
      ok(
        await a.cli(
          'brand/User1',
          '--json',
          'document',
          'verify',
          protocolFile(),
          '--sha256',
          jsonOf<VerificationCaseView>(await a.cli('brand/User1', '--json', 'verification', 'get', 'CV-CLI'))
            .case.protocolHash,
        ),
      ).out,
    ).toMatch(/"matches": true/);
  });

  it('exits 1 on a missing file or source, 2 on an unknown record or a suspended member', async () => {
    expectCliFailure(
      await a.cli(
        'brand/User1',
        'document',
        'verify',
        join(tempDir(), 'absent.pdf'),
        '--sha256',
        'a'.repeat(64),
      ),
      1,
      /cannot read .*absent\.pdf/,
    );
    expectCliFailure(
      await a.cli('brand/User1', 'document', 'verify', protocolFile()),
      1,
      /--from <contract:Transaction> or --sha256/,
    );
    expectCliRefusal(
      await a.cli(
        'brand/User1',
        'document',
        'verify',
        protocolFile(),
        '--from',
        'verifications:GetCase',
        '-s',
        'caseId=CV-NONE',
      ),
      'NOT_FOUND',
    );
    await a.as('platform/Admin').members.suspend({ mspId: 'SupplierMSP', reason: 'investigation' });
    expectCliRefusal(
      await a.cli(
        'supplier/User1',
        'document',
        'verify',
        protocolFile(),
        '--from',
        'verifications:GetCase',
        '-s',
        'caseId=CV-CLI',
      ),
      'ROLE_DENIED',
    );
    await a.as('platform/Admin').members.reinstate({ mspId: 'SupplierMSP', reason: 'cleared' });
  });
});
