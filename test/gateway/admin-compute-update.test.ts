// Decoded with the published protobuf classes, independently of the copy the gateway builds with.
import { common as published } from '@hyperledger/fabric-protos';
import {
  common,
  computeConfigUpdate,
  cloneConfig,
  withOrgAdded,
  withOrgRemoved,
  withRevocationList,
  isAdminError,
  orgEntryOf,
  parseOrgDefinition,
} from '@alliance/gateway/admin';
import { createAdminChannel, type AdminChannel } from './support/admin-channel';

/** A group's outline: its version, mod_policy and members, for comparing read and write sets. */
interface Outline {
  v: number;
  mod?: string;
  groups?: Record<string, Outline>;
  values?: Record<string, number>;
  policies?: Record<string, number>;
}

function outline(g: published.ConfigGroup): Outline {
  const o: Outline = { v: g.getVersion() };
  if (g.getModPolicy()) o.mod = g.getModPolicy();
  const groups: Record<string, Outline> = {};
  g.getGroupsMap().forEach((c: published.ConfigGroup, k: string) => (groups[k] = outline(c)));
  const values: Record<string, number> = {};
  g.getValuesMap().forEach((c: published.ConfigValue, k: string) => (values[k] = c.getVersion()));
  const policies: Record<string, number> = {};
  g.getPoliciesMap().forEach((c: published.ConfigPolicy, k: string) => (policies[k] = c.getVersion()));
  if (Object.keys(groups).length) o.groups = groups;
  if (Object.keys(values).length) o.values = values;
  if (Object.keys(policies).length) o.policies = policies;
  return o;
}

/** Decodes the update from bytes with the protobuf classes, as the orderer would receive it. */
function decoded(update: common.ConfigUpdate): {
  read: Outline;
  write: published.ConfigGroup;
  update: published.ConfigUpdate;
} {
  const u = published.ConfigUpdate.deserializeBinary(update.serializeBinary());
  const read = u.getReadSet();
  const write = u.getWriteSet();
  if (!read || !write) throw new Error('update lacks a read or write set');
  return { read: outline(read), write, update: u };
}

const versionsOnly = (names: string[], v = 0): Record<string, Outline> =>
  Object.fromEntries(names.map((n) => [n, { v }]));
const ORGS = ['brand', 'lab', 'platform', 'supplier', 'verifier'];
const APP_VALUES = { ACLs: 0, Capabilities: 0 };
const APP_POLICIES = { Admins: 0, Endorsement: 0, LifecycleEndorsement: 0, Readers: 0, Writers: 0 };

/** The code of the AdminError `run` throws (fails the test when it throws none). */
function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (isAdminError(e)) return e.code;
    throw e;
  }
  throw new Error('expected an AdminError');
}

let ch: AdminChannel;
beforeAll(async () => {
  ch = await createAdminChannel();
});
afterAll(() => {
  ch.cleanup();
});

describe('computeConfigUpdate', () => {
  it('adds an org: Application rewritten at version 1 listing every member, the new org whole at version 0', () => {
    const updated = withOrgAdded(ch.config, orgEntryOf(parseOrgDefinition(ch.importer)));
    const { read, write, update } = decoded(computeConfigUpdate(ch.config, updated, 'alliance'));
    expect(update.getChannelId()).toBe('alliance');
    expect(read).toEqual({
      v: 0,
      groups: {
        Application: { v: 0, groups: versionsOnly(ORGS), values: APP_VALUES, policies: APP_POLICIES },
      },
    });
    const w = outline(write);
    expect(w).toEqual({
      v: 0,
      groups: {
        Application: {
          v: 1,
          mod: 'Admins',
          groups: {
            ...versionsOnly(ORGS),
            importer: {
              v: 0,
              mod: 'Admins',
              values: { AnchorPeers: 0, MSP: 0 },
              policies: { Admins: 0, Endorsement: 0, Readers: 0, Writers: 0 },
            },
          },
          values: APP_VALUES,
          policies: APP_POLICIES,
        },
      },
    });
    // The new org's content is there in full, with its mod_policies.
    const importer = write.getGroupsMap().get('Application')?.getGroupsMap().get('importer');
    expect(importer?.getValuesMap().get('MSP')?.getValue_asU8().length).toBeGreaterThan(500);
    expect(importer?.getPoliciesMap().get('Admins')?.getModPolicy()).toBe('Admins');
    // Unchanged members carry nothing but their version.
    expect(
      write.getGroupsMap().get('Application')?.getGroupsMap().get('brand')?.serializeBinary().length,
    ).toBe(0);
  });

  it('removes an org: Application rewritten at version 1 without it; nothing else written', () => {
    const updated = withOrgRemoved(ch.config, 'SupplierMSP');
    const { read, write } = decoded(computeConfigUpdate(ch.config, updated, 'alliance'));
    const rest = ORGS.filter((o) => o !== 'supplier');
    expect(read).toEqual({
      v: 0,
      groups: {
        Application: { v: 0, groups: versionsOnly(rest), values: APP_VALUES, policies: APP_POLICIES },
      },
    });
    expect(outline(write)).toEqual({
      v: 0,
      groups: {
        Application: {
          v: 1,
          mod: 'Admins',
          groups: versionsOnly(rest),
          values: APP_VALUES,
          policies: APP_POLICIES,
        },
      },
    });
  });

  it('revokes: only the org MSP value is written, at version 1; the read set pins the path at its versions', () => {
    const crl = Buffer.from('-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n');
    const updated = withRevocationList(ch.config, 'lab', [crl]);
    const { read, write } = decoded(computeConfigUpdate(ch.config, updated, 'alliance'));
    expect(read).toEqual({ v: 0, groups: { Application: { v: 0, groups: { lab: { v: 0 } } } } });
    expect(outline(write)).toEqual({
      v: 0,
      groups: { Application: { v: 0, groups: { lab: { v: 0, values: { MSP: 1 } } } } },
    });
    const msp = write.getGroupsMap().get('Application')?.getGroupsMap().get('lab')?.getValuesMap().get('MSP');
    expect(msp?.getModPolicy()).toBe('Admins');
    const after = updated
      .getChannelGroup()
      ?.getGroupsMap()
      .get('Application')
      ?.getGroupsMap()
      .get('lab')
      ?.getValuesMap()
      .get('MSP');
    expect(Buffer.from(msp?.getValue_asU8() ?? []).equals(Buffer.from(after?.getValue_asU8() ?? [1]))).toBe(
      true,
    );
  });

  it('bumps from the current versions, not from zero', () => {
    const current = cloneConfig(ch.config);
    const app = current.getChannelGroup()?.getGroupsMap().get('Application');
    const lab = app?.getGroupsMap().get('lab');
    app?.setVersion(3);
    lab?.setVersion(2);
    lab?.getValuesMap().get('MSP')?.setVersion(5);
    const revoked = decoded(
      computeConfigUpdate(current, withRevocationList(current, 'lab', [Buffer.from('crl')]), 'alliance'),
    );
    expect(revoked.read).toEqual({ v: 0, groups: { Application: { v: 3, groups: { lab: { v: 2 } } } } });
    expect(outline(revoked.write)).toEqual({
      v: 0,
      groups: { Application: { v: 3, groups: { lab: { v: 2, values: { MSP: 6 } } } } },
    });
    const removed = decoded(computeConfigUpdate(current, withOrgRemoved(current, 'brand'), 'alliance'));
    expect(outline(removed.write).groups?.Application?.v).toBe(4);
    expect(outline(removed.write).groups?.Application?.groups?.lab).toEqual({ v: 2 });
  });

  it('a changed policy is written at version+1 with its mod_policy kept; a changed mod_policy rewrites the group', () => {
    const updated = cloneConfig(ch.config);
    const app = updated.getChannelGroup()?.getGroupsMap().get('Application');
    const endorsement = app?.getPoliciesMap().get('Endorsement');
    const readers = app?.getPoliciesMap().get('Readers')?.getPolicy();
    endorsement?.setPolicy(readers);
    let { read, write } = decoded(computeConfigUpdate(ch.config, updated, 'alliance'));
    expect(read).toEqual({ v: 0, groups: { Application: { v: 0 } } });
    expect(outline(write)).toEqual({ v: 0, groups: { Application: { v: 0, policies: { Endorsement: 1 } } } });
    expect(write.getGroupsMap().get('Application')?.getPoliciesMap().get('Endorsement')?.getModPolicy()).toBe(
      'Admins',
    );

    const modChanged = cloneConfig(ch.config);
    modChanged.getChannelGroup()?.getGroupsMap().get('Application')?.setModPolicy('/Channel/Admins');
    ({ read, write } = decoded(computeConfigUpdate(ch.config, modChanged, 'alliance')));
    expect(outline(write).groups?.Application).toMatchObject({
      v: 1,
      mod: '/Channel/Admins',
      groups: versionsOnly(ORGS),
    });
    expect(read.groups?.Application?.groups).toEqual(versionsOnly(ORGS));
  });

  it('refuses two equal configs and configs without a channel group, with codes', () => {
    expect(codeOf(() => computeConfigUpdate(ch.config, cloneConfig(ch.config), 'alliance'))).toBe(
      'NO_DIFFERENCES',
    );
    expect(codeOf(() => computeConfigUpdate(new common.Config(), ch.config, 'alliance'))).toBe(
      'CONFIG_INVALID',
    );
  });

  it('edits refuse a duplicate org and an unknown org', () => {
    const def = orgEntryOf(parseOrgDefinition({ ...ch.importer, name: 'brand' }));
    expect(codeOf(() => withOrgAdded(ch.config, def))).toBe('ORG_EXISTS');
    expect(
      codeOf(() =>
        withOrgAdded(ch.config, orgEntryOf(parseOrgDefinition({ ...ch.importer, mspId: 'LabMSP' }))),
      ),
    ).toBe('ORG_EXISTS');
    expect(codeOf(() => withOrgRemoved(ch.config, 'NobodyMSP'))).toBe('ORG_NOT_FOUND');
    expect(() => parseOrgDefinition({ ...ch.importer, rootCerts: ['not a cert'], name: 'bad name' })).toThrow(
      /name: must be.*rootCerts\.0: must be a PEM/,
    );
  });
});
