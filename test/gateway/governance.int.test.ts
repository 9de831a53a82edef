// The members, policy and products facades and their CLI groups against the embedded network and
// the real chaincode: each method's success, and its wrong-role, bad-input and not-found refusals.
import type {
  AccreditationRecord,
  MemberRecord,
  PolicyDocument,
  ProductSpecification,
  ProficiencyTestRecord,
} from '@alliance/chaincode/model';
import {
  ALLIANCE_MEMBERS,
  commandsNotRun,
  data as d,
  expectCliRefusal,
  jsonOf,
  ok,
  refusedWith,
  startBootstrappedAlliance,
  type BootstrappedAlliance,
} from './support/alliance';
import { GTIN_A, GTIN_B, productSpec } from './support/supply';

jest.setTimeout(120_000);

let a: BootstrappedAlliance;
beforeAll(async () => {
  a = await startBootstrappedAlliance({ bootstrapWithCli: true });
});
afterAll(async () => {
  await a.stop();
});

const ACCREDITATION_REF = { labMspId: 'LabMSP', body: 'UKAS', certificateNumber: 'UKAS-4711' };
const ACCREDITATION = {
  ...ACCREDITATION_REF,
  ilacMraSignatory: true,
  validFrom: '2025-01-01',
  validTo: '2028-12-31',
  scope: [{ analyte: 'Pb', matrix: 'botanical', methodId: 'M-ICPMS-PB', methodVersion: '3' }],
};
const PT = {
  labMspId: 'LabMSP',
  scheme: 'FAPAS',
  round: '07-123',
  analyte: 'Pb',
  matrix: 'botanical',
  scoreType: 'z' as const,
  score: 0.8,
  date: '2026-10-01',
};

describe('members facade', () => {
  it('refuses a second bootstrap, and a bootstrap by anyone but a founding platform admin', async () => {
    await refusedWith(
      a
        .as('platform/Admin')
        .members.bootstrap({ members: [{ mspId: 'PlatformMSP', name: 'P', roles: ['PLATFORM'] }] }),
      'ALREADY_BOOTSTRAPPED',
    );
    await refusedWith(
      a
        .as('supplier/Admin')
        .members.bootstrap({ members: [{ mspId: 'SupplierMSP', name: 'S', roles: ['PLATFORM'] }] }),
      'ROLE_DENIED',
    );
    const bad = await refusedWith(
      a.as('platform/Admin').members.bootstrap({ members: [] }),
      'VALIDATION_FAILED',
    );
    expect(bad.stage).toBe('input');
    expect(bad.issues).toContainEqual({ path: 'members', message: 'must list at least one member' });
  });

  it('adds a member, replaces its roles, suspends and reinstates it; get and list read it back', async () => {
    const members = a.as('platform/Admin').members;
    const added = await members.addMember({
      mspId: 'ImporterMSP',
      name: 'Importer',
      roles: ['IMPORTER'],
      reason: 'joins',
    });
    expect(added).toMatchObject({
      txId: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
      result: { mspId: 'ImporterMSP', status: 'ACTIVE', version: 1 },
    });
    expect(added.events.map((e) => e.type)).toEqual(['member.added']);
    expect(
      (
        await members.updateRoles({
          mspId: 'ImporterMSP',
          roles: ['IMPORTER', 'SUPPLIER'],
          reason: 'also supplies',
        })
      ).result.roles,
    ).toEqual(['IMPORTER', 'SUPPLIER']);
    expect((await members.suspend({ mspId: 'ImporterMSP', reason: 'audit' })).result.status).toBe(
      'SUSPENDED',
    );
    expect((await members.reinstate({ mspId: 'ImporterMSP', reason: 'audit closed' })).result.status).toBe(
      'ACTIVE',
    );
    const read = await a.as('brand/User1').members.get({ mspId: 'ImporterMSP' });
    expect(read).toMatchObject({
      mspId: 'ImporterMSP',
      roles: ['IMPORTER', 'SUPPLIER'],
      status: 'ACTIVE',
      version: 4,
    });
    expect((await a.as('lab/analyst').members.list()).map((m: MemberRecord) => m.mspId)).toContain(
      'ImporterMSP',
    );
  });

  it('refuses member changes to non-admins, bad input before sending, and unknown or unchanged members', async () => {
    const user = a.as('platform/User1').members;
    await refusedWith(
      user.addMember({ mspId: 'XMSP', name: 'X', roles: ['LAB'], reason: 'r' }),
      'ROLE_DENIED',
    );
    await refusedWith(
      a.as('brand/Admin').members.updateRoles({ mspId: 'BrandMSP', roles: ['PLATFORM'], reason: 'r' }),
      'ROLE_DENIED',
    );
    await refusedWith(
      a.as('supplier/Admin').members.suspend({ mspId: 'BrandMSP', reason: 'r' }),
      'ROLE_DENIED',
    );
    await refusedWith(user.reinstate({ mspId: 'BrandMSP', reason: 'r' }), 'ROLE_DENIED');
    const admin = a.as('platform/Admin').members;
    const bad = await refusedWith(
      admin.addMember({ mspId: 'not an msp', name: '', roles: [], reason: 'r' }),
      'VALIDATION_FAILED',
    );
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['mspId', 'name', 'roles']);
    await refusedWith(
      admin.updateRoles({ mspId: 'BrandMSP', roles: ['NOT_A_ROLE' as 'LAB'], reason: 'r' }),
      'VALIDATION_FAILED',
    );
    await refusedWith(admin.suspend({ mspId: 'BrandMSP', reason: '  ' }), 'VALIDATION_FAILED');
    await refusedWith(admin.get({ mspId: '' }), 'VALIDATION_FAILED');
    await refusedWith(
      admin.addMember({ mspId: 'BrandMSP', name: 'B', roles: ['MANUFACTURER'], reason: 'again' }),
      'ALREADY_EXISTS',
    );
    await refusedWith(admin.updateRoles({ mspId: 'NobodyMSP', roles: ['LAB'], reason: 'r' }), 'NOT_FOUND');
    await refusedWith(admin.suspend({ mspId: 'NobodyMSP', reason: 'r' }), 'NOT_FOUND');
    await refusedWith(admin.reinstate({ mspId: 'BrandMSP', reason: 'r' }), 'INVALID_STATE');
    await refusedWith(a.as('supplier/User1').members.get({ mspId: 'NobodyMSP' }), 'NOT_FOUND');
  });

  it('records, restates, reads and lists accreditations, refusing non-registrars, bad input and unknown ones', async () => {
    const registrar = a.as('platform/Admin').members;
    const recorded = await registrar.recordAccreditation(ACCREDITATION);
    expect(recorded.result).toMatchObject({
      labMspId: 'LabMSP',
      status: 'ACTIVE',
      scope: ACCREDITATION.scope,
    });
    const suspended = await registrar.setAccreditationStatus({
      ...ACCREDITATION_REF,
      status: 'SUSPENDED',
      reason: 'surveillance visit',
    });
    expect(suspended.result.status).toBe('SUSPENDED');
    await registrar.setAccreditationStatus({
      ...ACCREDITATION_REF,
      status: 'ACTIVE',
      reason: 'visit closed',
    });
    const reader = a.as('brand/User1').members;
    const got: AccreditationRecord = await reader.getAccreditation(ACCREDITATION_REF);
    expect(got.statusHistory.map((h) => h.status)).toEqual(['ACTIVE', 'SUSPENDED', 'ACTIVE']);
    expect((await reader.listAccreditations({ labMspId: 'LabMSP' })).map((r) => r.certificateNumber)).toEqual(
      ['UKAS-4711'],
    );
    expect(await reader.listAccreditations({ labMspId: 'VerifierMSP' })).toEqual([]);
    expect((await reader.listAccreditations()).length).toBe(1);

    await refusedWith(
      a.as('lab/Admin').members.recordAccreditation({ ...ACCREDITATION, certificateNumber: 'SELF-1' }),
      'ROLE_DENIED',
    );
    await refusedWith(
      a
        .as('platform/User1')
        .members.setAccreditationStatus({ ...ACCREDITATION_REF, status: 'WITHDRAWN', reason: 'r' }),
      'ROLE_DENIED',
    );
    const bad = await refusedWith(
      registrar.recordAccreditation({ ...ACCREDITATION, validFrom: '2029-01-01' }),
      'VALIDATION_FAILED',
    );
    expect(bad.issues).toEqual([{ path: 'validTo', message: 'must not be before validFrom' }]);
    await refusedWith(
      registrar.setAccreditationStatus({ ...ACCREDITATION_REF, status: 'LAPSED' as 'ACTIVE', reason: 'r' }),
      'VALIDATION_FAILED',
    );
    await refusedWith(reader.listAccreditations({ labMspId: 'bad msp' }), 'VALIDATION_FAILED');
    await refusedWith(
      registrar.setAccreditationStatus({
        ...ACCREDITATION_REF,
        certificateNumber: 'NONE',
        status: 'WITHDRAWN',
        reason: 'r',
      }),
      'NOT_FOUND',
    );
    await refusedWith(
      reader.getAccreditation({ ...ACCREDITATION_REF, certificateNumber: 'NONE' }),
      'NOT_FOUND',
    );
  });

  it('records and lists proficiency tests, refusing non-registrars, bad input, non-labs and repeats', async () => {
    const registrar = a.as('platform/Admin').members;
    expect((await registrar.recordProficiencyTest(PT)).result).toMatchObject({
      labMspId: 'LabMSP',
      round: '07-123',
      score: 0.8,
    });
    const listed: ProficiencyTestRecord[] = await a
      .as('lab/User1')
      .members.listProficiencyTests({ labMspId: 'LabMSP', analyte: 'Pb' });
    expect(listed.map((p) => p.round)).toEqual(['07-123']);
    expect(
      await a.as('lab/User1').members.listProficiencyTests({ labMspId: 'LabMSP', analyte: 'Cd' }),
    ).toEqual([]);
    await refusedWith(
      a.as('verifier/approver').members.recordProficiencyTest({ ...PT, round: '07-124' }),
      'ROLE_DENIED',
    );
    await refusedWith(
      registrar.recordProficiencyTest({ ...PT, scoreType: 'zeta' as 'z' }),
      'VALIDATION_FAILED',
    );
    await refusedWith(
      registrar.listProficiencyTests({ labMspId: 'LabMSP', matrix: 'botanical' }),
      'VALIDATION_FAILED',
    );
    await refusedWith(registrar.recordProficiencyTest(PT), 'ALREADY_EXISTS');
    await refusedWith(registrar.recordProficiencyTest({ ...PT, labMspId: 'BrandMSP' }), 'INVALID_STATE');
    await refusedWith(registrar.recordProficiencyTest({ ...PT, labMspId: 'NobodyMSP' }), 'NOT_FOUND');
  });
});

describe('policy facade', () => {
  it('reads the policy in force and its history, and amends it as the platform admin', async () => {
    const reader = a.as('supplier/User1').policy;
    expect(await reader.get()).toMatchObject({ version: 1, parameters: { dueSoonDays: 30 } });
    const amended = await a
      .as('platform/Admin')
      .policy.amend({ changes: { dueSoonDays: 20 }, reason: 'tighter planning' });
    expect(amended.result).toMatchObject({
      version: 2,
      parameters: { dueSoonDays: 20 },
      reason: 'tighter planning',
    });
    expect((await reader.history()).map((p: PolicyDocument) => p.version)).toEqual([1, 2]);
    expect((await reader.get({ version: 1 })).parameters.dueSoonDays).toBe(30);
  });

  it('refuses amendments to others, empty or out-of-range changes, and unknown versions', async () => {
    await refusedWith(
      a.as('brand/Admin').policy.amend({ changes: { dueSoonDays: 10 }, reason: 'r' }),
      'ROLE_DENIED',
    );
    await refusedWith(
      a.as('platform/User1').policy.amend({ changes: { dueSoonDays: 10 }, reason: 'r' }),
      'ROLE_DENIED',
    );
    const empty = await refusedWith(
      a.as('platform/Admin').policy.amend({ changes: {}, reason: 'r' }),
      'VALIDATION_FAILED',
    );
    expect(empty.issues).toEqual([{ path: 'changes', message: 'must change at least one parameter' }]);
    await refusedWith(
      a.as('platform/Admin').policy.amend({ changes: { dueSoonDays: 1000 }, reason: 'r' }),
      'VALIDATION_FAILED',
    );
    await refusedWith(a.as('brand/User1').policy.get({ version: 99 }), 'NOT_FOUND');
    await refusedWith(
      a.as('brand/User1').policy.get({ version: 'one' as unknown as number }),
      'VALIDATION_FAILED',
    );
  });
});

describe('products facade', () => {
  it('registers, revises, reads and lists a brand’s specification', async () => {
    const brand = a.as('brand/Admin').products;
    const registered = await brand.register(productSpec('P-GOV-1'));
    expect(registered.result).toMatchObject({ productId: 'P-GOV-1', brandMspId: 'BrandMSP', version: 1 });
    const revised = await brand.revise({
      ...productSpec('P-GOV-1', [{ material: GTIN_A, analytes: ['Pb'] }]),
      reason: 'Pb testing',
    });
    expect(revised.result).toMatchObject({
      version: 2,
      requiredAnalytes: [{ material: GTIN_A, analytes: ['Pb'] }],
    });
    const got: ProductSpecification = await a.as('supplier/User1').products.get({ productId: 'P-GOV-1' });
    expect(got.version).toBe(2);
    expect(
      (await a.as('lab/User1').products.list({ brandMspId: 'BrandMSP' })).map((p) => p.productId),
    ).toContain('P-GOV-1');
    expect(await a.as('lab/User1').products.list({ brandMspId: 'SupplierMSP' })).toEqual([]);
  });

  it('refuses non-brands, bad specifications, repeats and unknown products', async () => {
    await refusedWith(a.as('supplier/Admin').products.register(productSpec('P-GOV-X')), 'ROLE_DENIED');
    await refusedWith(a.as('brand/User1').products.register(productSpec('P-GOV-X')), 'ROLE_DENIED');
    await refusedWith(
      a.as('supplier/Admin').products.revise({ ...productSpec('P-GOV-1'), reason: 'r' }),
      'ROLE_DENIED',
    );
    const bad = await refusedWith(
      a
        .as('brand/Admin')
        .products.register(
          productSpec('P-GOV-X', [{ material: GTIN_B.replace('69', '70'), analytes: ['Pb'] }]),
        ),
      'VALIDATION_FAILED',
    );
    expect(bad.issues).toEqual([{ path: 'requiredAnalytes.0.material', message: 'is not in the formula' }]);
    await refusedWith(
      a.as('brand/Admin').products.revise({ ...productSpec('P-GOV-1'), reason: '' }),
      'VALIDATION_FAILED',
    );
    await refusedWith(a.as('brand/Admin').products.list({ brandMspId: 'not an msp' }), 'VALIDATION_FAILED');
    await refusedWith(a.as('brand/Admin').products.register(productSpec('P-GOV-1')), 'ALREADY_EXISTS');
    await refusedWith(
      a.as('brand/Admin').products.revise({ ...productSpec('P-NONE'), reason: 'r' }),
      'NOT_FOUND',
    );
    await refusedWith(a.as('brand/User1').products.get({ productId: 'P-NONE' }), 'NOT_FOUND');
  });

  it('refuses every call, queries included, from a suspended member’s users', async () => {
    await a.as('platform/Admin').members.suspend({ mspId: 'SupplierMSP', reason: 'investigation' });
    const denied = await refusedWith(a.as('supplier/User1').products.list(), 'ROLE_DENIED');
    expect(denied.details).toMatchObject({ reason: 'MEMBER_SUSPENDED' });
    await refusedWith(a.as('supplier/User1').policy.history(), 'ROLE_DENIED');
    await a.as('platform/Admin').members.reinstate({ mspId: 'SupplierMSP', reason: 'cleared' });
    expect((await a.as('supplier/User1').policy.history()).length).toBe(2);
  });
});

describe('CLI: member, policy and product commands', () => {
  it('runs every member command, with JSON or readable output', async () => {
    expect(a.bootstrapTxId).toMatch(/^[0-9a-f]{64}$/);
    expect(
      (
        await a.cli(
          'platform/Admin',
          'member',
          'add',
          ...d({ mspId: 'CliMSP', name: 'Cli', roles: ['SUPPLIER'], reason: 'cli' }),
        )
      ).out,
    ).toMatch(/^committed tx [0-9a-f]{64} in block \d+\n {2}event member.added member CliMSP/);
    expect(
      jsonOf<{ result: MemberRecord }>(
        await a.cli(
          'platform/Admin',
          '--json',
          'member',
          'update-roles',
          '-s',
          'mspId=CliMSP',
          '-s',
          'roles=["IMPORTER"]',
          '-s',
          'reason=imports',
        ),
      ),
    ).toMatchObject({ result: { roles: ['IMPORTER'] } });
    ok(await a.cli('platform/Admin', 'member', 'suspend', '-s', 'mspId=CliMSP', '-s', 'reason=audit'));
    ok(await a.cli('platform/Admin', 'member', 'reinstate', '-s', 'mspId=CliMSP', '-s', 'reason=cleared'));
    expect((await a.cli('brand/User1', 'member', 'get', 'CliMSP')).out).toMatch(/^mspId\s+CliMSP$/m);
    expect(
      jsonOf<MemberRecord[]>(await a.cli('brand/User1', '--json', 'member', 'list')).length,
    ).toBeGreaterThanOrEqual(7);
    const ref = { labMspId: 'VerifierMSP', body: 'CNAS', certificateNumber: 'L0001' };
    ok(await a.cli('platform/Admin', 'member', 'accreditation-record', ...d({ ...ACCREDITATION, ...ref })));
    ok(
      await a.cli(
        'platform/Admin',
        'member',
        'accreditation-status',
        ...d({ ...ref, status: 'WITHDRAWN', reason: 'scope change' }),
      ),
    );
    expect(
      jsonOf<AccreditationRecord>(
        await a.cli('lab/User1', '--json', 'member', 'accreditation-get', ...d(ref)),
      ).status,
    ).toBe('WITHDRAWN');
    expect((await a.cli('lab/User1', 'member', 'accreditation-list')).out).toMatch(
      /^body\s+certificateNumber.*labMspId.*\n-+/,
    );
    ok(await a.cli('platform/Admin', 'member', 'pt-record', ...d({ ...PT, labMspId: 'VerifierMSP' })));
    expect(
      jsonOf<ProficiencyTestRecord[]>(
        await a.cli('verifier/User1', '--json', 'member', 'pt-list', '-s', 'labMspId=VerifierMSP'),
      ),
    ).toHaveLength(1);
  });

  it('runs every policy and product command', async () => {
    expect(jsonOf<PolicyDocument>(await a.cli('brand/User1', '--json', 'policy', 'get')).version).toBe(2);
    ok(
      await a.cli(
        'platform/Admin',
        'policy',
        'amend',
        ...d({ changes: { acceptT2: false }, reason: 'T2 off' }),
      ),
    );
    expect(
      jsonOf<PolicyDocument[]>(await a.cli('brand/User1', '--json', 'policy', 'history')).map(
        (p) => p.version,
      ),
    ).toEqual([1, 2, 3]);
    ok(await a.cli('brand/Admin', 'product', 'register', ...d(productSpec('P-CLI-1'))));
    ok(
      await a.cli(
        'brand/Admin',
        'product',
        'revise',
        ...d({ ...productSpec('P-CLI-1'), name: 'Renamed', reason: 'rename' }),
      ),
    );
    expect(
      jsonOf<ProductSpecification>(await a.cli('supplier/User1', '--json', 'product', 'get', 'P-CLI-1')),
    ).toMatchObject({ name: 'Renamed', version: 2 });
    expect((await a.cli('supplier/User1', 'product', 'list')).out).toMatch(/P-CLI-1/);
  });

  it('exits 2 naming the code, with no stack trace, on wrong role, bad input and not found', async () => {
    expectCliRefusal(
      await a.cli(
        'brand/Admin',
        'member',
        'add',
        ...d({ mspId: 'NoMSP', name: 'No', roles: ['LAB'], reason: 'x' }),
      ),
      'ROLE_DENIED',
    );
    expectCliRefusal(
      await a.cli('platform/Admin', 'member', 'bootstrap', ...d({ members: ALLIANCE_MEMBERS })),
      'ALREADY_BOOTSTRAPPED',
    );
    expectCliRefusal(
      await a.cli('platform/Admin', 'member', 'suspend', '-s', 'mspId=BrandMSP'),
      'VALIDATION_FAILED',
    );
    expectCliRefusal(await a.cli('brand/User1', 'member', 'get', 'NobodyMSP'), 'NOT_FOUND');
    expectCliRefusal(
      await a.cli(
        'brand/User1',
        'member',
        'accreditation-get',
        ...d({ labMspId: 'LabMSP', body: 'X', certificateNumber: 'Y' }),
      ),
      'NOT_FOUND',
    );
    expectCliRefusal(await a.cli('lab/approver', 'member', 'pt-record', ...d(PT)), 'ROLE_DENIED');
    expectCliRefusal(
      await a.cli('supplier/Admin', 'policy', 'amend', ...d({ changes: { acceptT2: true }, reason: 'r' })),
      'ROLE_DENIED',
    );
    const bad = await a.cli('platform/Admin', 'policy', 'amend', ...d({ changes: { nope: 1 }, reason: 'r' }));
    expectCliRefusal(bad, 'VALIDATION_FAILED');
    expect(bad.err).toMatch(/\n {2}- changes: /);
    expectCliRefusal(await a.cli('brand/User1', 'policy', 'get', '-s', 'version=42'), 'NOT_FOUND');
    expectCliRefusal(
      await a.cli('lab/Admin', 'product', 'register', ...d(productSpec('P-LAB'))),
      'ROLE_DENIED',
    );
    expectCliRefusal(
      await a.cli('brand/Admin', 'product', 'revise', ...d(productSpec('P-CLI-1'))),
      'VALIDATION_FAILED',
    );
    expectCliRefusal(await a.cli('brand/User1', 'product', 'get', 'P-NONE'), 'NOT_FOUND');
  });

  it('ran every command of the member, policy and product groups successfully', () => {
    expect(commandsNotRun(a, ['member', 'policy', 'product'])).toEqual([]);
  });
});
