import { parseChannelConfig } from '@alliance/network/channel';
import { common as networkProtos } from '@alliance/network/protos';
import { identityFromPem, type LoadedIdentity } from '@alliance/gateway';
import {
  applyConfigUpdate,
  buildRevocationList,
  checkUpdateAuthorization,
  computeConfigUpdate,
  configFacts,
  decodeUpdateFile,
  diffConfigs,
  isAdminError,
  newUpdateEnvelope,
  orgEntryOf,
  parseOrgDefinition,
  serializedIdentity,
  signUpdate,
  withOrgAdded,
  withOrgRemoved,
  withRevocationList,
  type common,
} from '@alliance/gateway/admin';
import { createAdminChannel, type AdminChannel } from './support/admin-channel';

let ch: AdminChannel;
beforeAll(async () => {
  ch = await createAdminChannel();
});
afterAll(() => {
  ch.cleanup();
});

function who(org: string, user = 'Admin'): LoadedIdentity {
  const o = ch.crypto.orgs[org];
  const u = o?.users[user];
  if (!o || !u) throw new Error(`no ${org}/${user}`);
  return identityFromPem({ mspId: o.mspId, certificatePem: u.certPem, privateKeyPem: u.keyPem, org, user });
}

function signedBy(
  envelope: common.ConfigUpdateEnvelope,
  ...ids: LoadedIdentity[]
): common.ConfigUpdateEnvelope {
  return ids.reduce((env, id) => signUpdate(env, id), envelope);
}

const addImporter = (): common.ConfigUpdateEnvelope =>
  newUpdateEnvelope(
    computeConfigUpdate(
      ch.config,
      withOrgAdded(ch.config, orgEntryOf(parseOrgDefinition(ch.importer))),
      'alliance',
    ),
  );

describe('signatures on a config update, checked against the current config', () => {
  it('adding an org needs a MAJORITY of the member orgs admins: 2 of 5 fall short, 3 suffice', () => {
    const two = checkUpdateAuthorization(
      ch.config,
      signedBy(addImporter(), who('brand'), who('lab')),
      'alliance',
    );
    expect(two.authorized).toBe(false);
    expect(two.required.map((r) => r.policy)).toEqual(['/Channel/Application/Admins']);
    expect(two.required[0]?.outcome.explanation).toMatch(
      /MAJORITY Admins: 2 of 5 orgs satisfied \(brand, lab\), 3 required/,
    );
    expect(two.created).toContain('[Group] /Channel/Application/importer');
    const three = checkUpdateAuthorization(
      ch.config,
      signedBy(addImporter(), who('brand'), who('lab'), who('platform')),
      'alliance',
    );
    expect(three.authorized).toBe(true);
    expect(three.signatures.every((s) => s.problem === undefined && s.roles.includes('admin'))).toBe(true);
  });

  it('signatures of non-admins do not count', () => {
    const users = checkUpdateAuthorization(
      ch.config,
      signedBy(addImporter(), who('brand', 'User1'), who('lab', 'User1'), who('platform', 'User1')),
      'alliance',
    );
    expect(users.authorized).toBe(false);
    expect(users.required[0]?.outcome.explanation).toMatch(/0 of 5 orgs satisfied/);
  });

  it('a signature made for another update is refused', () => {
    const other = signedBy(
      newUpdateEnvelope(computeConfigUpdate(ch.config, withOrgRemoved(ch.config, 'lab'), 'alliance')),
      who('supplier'),
    );
    const env = signedBy(addImporter(), who('brand'), who('lab'));
    const stolen = other.getSignaturesList()[0];
    if (!stolen) throw new Error('no signature');
    env.addSignatures(stolen);
    const check = checkUpdateAuthorization(ch.config, env, 'alliance');
    expect(check.signatures[2]).toMatchObject({ mspId: 'SupplierMSP', problem: 'signature does not verify' });
    expect(check.authorized).toBe(false);
  });

  it('changing one org MSP needs only that org admin', () => {
    const revoke = newUpdateEnvelope(
      computeConfigUpdate(ch.config, withRevocationList(ch.config, 'lab', [Buffer.from('x')]), 'alliance'),
    );
    expect(
      checkUpdateAuthorization(
        ch.config,
        signedBy(revoke, who('brand'), who('platform'), who('supplier')),
        'alliance',
      ),
    ).toMatchObject({
      authorized: false,
      required: [expect.objectContaining({ policy: '/Channel/Application/lab/Admins' })],
    });
    expect(checkUpdateAuthorization(ch.config, signedBy(revoke, who('lab')), 'alliance').authorized).toBe(
      true,
    );
  });

  it('a stale update (another one landed first) is reported, and a revoked admin does not count', async () => {
    const applied = applyConfigUpdate(ch.config, updateOf(addImporter()));
    const again = checkUpdateAuthorization(
      applied,
      signedBy(addImporter(), who('brand'), who('lab'), who('platform')),
      'alliance',
    );
    expect(again.problems.join(' ')).toMatch(
      /\[Group\] \/Channel\/Application is at version 1, the update read version 0/,
    );

    const lab = ch.crypto.orgs.lab;
    if (!lab) throw new Error('no lab');
    const serial = who('lab').certificate.serialNumber;
    const crl = await buildRevocationList({ certPem: lab.caCertPem, keyPem: lab.caKeyPem }, [
      { serial, revokedAt: new Date() },
    ]);
    const revokedConfig = withRevocationList(ch.config, 'lab', [Buffer.from(crl)]);
    const check = checkUpdateAuthorization(
      revokedConfig,
      signedBy(
        newUpdateEnvelope(
          computeConfigUpdate(revokedConfig, withOrgRemoved(revokedConfig, 'brand'), 'alliance'),
        ),
        who('lab'),
        who('platform'),
        who('supplier'),
      ),
      'alliance',
    );
    expect(check.signatures[0]?.problem).toBe('the certificate is revoked by its MSP');
    expect(check.authorized).toBe(false);
    // The network's own MSP reads the CRL the same way: the admin is revoked, the org's user is not.
    const network = parseChannelConfig(
      networkProtos.Config.deserializeBinary(revokedConfig.serializeBinary()),
      'alliance',
    );
    expect(() => network.msps.deserialize(serializedIdentity(who('lab')))).toThrow(
      expect.objectContaining({ code: 'REVOKED' }) as Error,
    );
    expect(network.msps.deserialize(serializedIdentity(who('lab', 'User1'))).mspId).toBe('LabMSP');
  });

  it('applying the update yields the modified config, and the diff names the new org', () => {
    const updated = withOrgAdded(ch.config, orgEntryOf(parseOrgDefinition(ch.importer)));
    const applied = applyConfigUpdate(ch.config, updateOf(addImporter()));
    expect(applied.getSequence()).toBe(1);
    expect([...configFacts(applied)]).toEqual([...configFacts(updated)]);
    const diff = diffConfigs(ch.config, applied);
    expect(diff).toContainEqual({ kind: 'added', what: 'org importer: MSP ID', after: 'ImporterMSP' });
    expect(diff).toContainEqual({
      kind: 'added',
      what: 'org importer: anchor peers',
      after: 'peer0.importer.alliance.test:7071',
    });
    expect(diff.filter((c) => c.kind !== 'added')).toEqual([]);
  });

  it('an identity signs once; update files round-trip and junk is refused with a code', () => {
    const env = signedBy(addImporter(), who('brand'));
    let code: string | undefined;
    try {
      signUpdate(env, who('brand'));
    } catch (e) {
      if (isAdminError(e)) code = e.code;
    }
    expect(code).toBe('ALREADY_SIGNED');
    expect(decodeUpdateFile(env.serializeBinary()).envelope.getSignaturesList()).toHaveLength(1);
    expect(() => decodeUpdateFile(Buffer.from('not an update'))).toThrow(
      expect.objectContaining({ code: 'UPDATE_FILE_INVALID' }) as Error,
    );
  });
});

/** The ConfigUpdate inside an envelope. */
function updateOf(env: common.ConfigUpdateEnvelope): common.ConfigUpdate {
  return decodeUpdateFile(env.serializeBinary()).update;
}
