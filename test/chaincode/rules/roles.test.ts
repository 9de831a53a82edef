import { ORG_ROLES, USER_ROLES } from '@alliance/chaincode/model';
import {
  ANY_ORG,
  isAllowed,
  MEMBERS_ACCESS,
  POLICY_ACCESS,
  PRODUCTS_ACCESS,
  type AccessTable,
} from '@alliance/chaincode/rules/roles';

describe('access rules', () => {
  const rule = { org: ['LAB', 'VERIFIER'] as const, user: ['analyst', 'approver'] as const };

  it('needs one of the org roles and one of the user roles', () => {
    expect(isAllowed(rule, { orgRoles: ['VERIFIER'], userRole: 'approver' })).toBe(true);
    expect(isAllowed(rule, { orgRoles: ['SUPPLIER', 'LAB'], userRole: 'analyst' })).toBe(true);
    expect(isAllowed(rule, { orgRoles: ['SUPPLIER'], userRole: 'analyst' })).toBe(false);
    expect(isAllowed(rule, { orgRoles: ['LAB'], userRole: 'reviewer' })).toBe(false);
    expect(isAllowed(rule, { orgRoles: ['LAB'], userRole: undefined })).toBe(false);
    expect(isAllowed(rule, { orgRoles: [], userRole: 'analyst' })).toBe(false);
  });

  it('accepts any user role (even none) when the rule names none', () => {
    expect(isAllowed({ org: ['LAB'] }, { orgRoles: ['LAB'], userRole: undefined })).toBe(true);
    expect(isAllowed({ org: ['LAB'] }, { orgRoles: ['SUPPLIER'], userRole: 'admin' })).toBe(false);
  });

  it('ANY_ORG lists every organisation role', () => {
    expect([...ANY_ORG].sort()).toEqual([...ORG_ROLES].sort());
  });

  it.each([
    ['members', MEMBERS_ACCESS],
    ['policy', POLICY_ACCESS],
    ['products', PRODUCTS_ACCESS],
  ])(
    '%s: every rule names known roles, and queries are open to every member',
    (_name, table: AccessTable) => {
      for (const r of Object.values(table)) {
        expect(r.org.length).toBeGreaterThan(0);
        for (const o of r.org) expect(ORG_ROLES).toContain(o);
        for (const u of r.user ?? []) expect(USER_ROLES).toContain(u);
        if (r.evaluate === true) expect(r.org).toBe(ANY_ORG);
      }
    },
  );

  it('pins the whole access matrix of members, policy and products', () => {
    const admin = { org: ['PLATFORM'], user: ['admin'] };
    const registrar = { org: ['ACCREDITATION_REGISTRAR'], user: ['admin', 'approver'] };
    const query = { org: ANY_ORG, evaluate: true };
    const brand = { org: ['MANUFACTURER'], user: ['admin', 'approver'] };
    expect(MEMBERS_ACCESS).toEqual({
      Bootstrap: { ...admin, bootstrap: true },
      AddMember: admin,
      UpdateRoles: admin,
      SuspendMember: admin,
      ReinstateMember: admin,
      GetMember: query,
      ListMembers: query,
      RecordAccreditation: registrar,
      SetAccreditationStatus: registrar,
      GetAccreditation: query,
      ListAccreditations: query,
      RecordProficiencyTest: registrar,
      ListProficiencyTests: query,
    });
    expect(POLICY_ACCESS).toEqual({ GetPolicy: query, PolicyHistory: query, AmendPolicy: admin });
    expect(PRODUCTS_ACCESS).toEqual({
      RegisterProduct: brand,
      ReviseProduct: brand,
      GetProduct: query,
      ListProducts: query,
    });
  });

  it('keeps governance with platform admins and products with brands', () => {
    for (const tx of ['AddMember', 'UpdateRoles', 'SuspendMember', 'ReinstateMember']) {
      expect(MEMBERS_ACCESS[tx]).toEqual({ org: ['PLATFORM'], user: ['admin'] });
    }
    expect(POLICY_ACCESS.AmendPolicy).toEqual({ org: ['PLATFORM'], user: ['admin'] });
    expect(MEMBERS_ACCESS.Bootstrap).toEqual({ org: ['PLATFORM'], user: ['admin'], bootstrap: true });
    expect(MEMBERS_ACCESS.RecordAccreditation?.org).toEqual(['ACCREDITATION_REGISTRAR']);
    expect(MEMBERS_ACCESS.RecordProficiencyTest?.org).toEqual(['ACCREDITATION_REGISTRAR']);
    expect(PRODUCTS_ACCESS.RegisterProduct).toEqual({ org: ['MANUFACTURER'], user: ['admin', 'approver'] });
  });
});
