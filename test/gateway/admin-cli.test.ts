// The config and identity commands that work offline, on a real genesis config and crypto layout.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChannelConfig } from '@alliance/network/channel';
import { common as networkProtos } from '@alliance/network/protos';
import { buildProfile } from '@alliance/network/runtime/profile-build';
import { runCli } from '@alliance/gateway';
import { serializedIdentity } from '@alliance/gateway/admin';
import { loadProfileIdentity } from '@alliance/gateway/connect/identity';
import { loadProfile } from '@alliance/gateway/connect/profile';
import { createAdminChannel, type AdminChannel } from './support/admin-channel';

let ch: AdminChannel;
let profilePath: string;
let configFile: string;

beforeAll(async () => {
  ch = await createAdminChannel();
  profilePath = join(ch.root, 'network.json');
  const ports = { orderer: 7050, peers: Object.fromEntries(ch.def.orgs.map((o, i) => [o.name, 7051 + i])) };
  writeFileSync(profilePath, JSON.stringify(buildProfile(ch.def, ch.crypto, ports)));
  configFile = join(ch.root, 'config.pb');
  writeFileSync(configFile, ch.config.serializeBinary());
});
afterAll(() => {
  ch.cleanup();
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const run = await runCli(['--profile', profilePath, ...args], {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
  });
  return { code: run.exitCode, out, err };
}

describe('alliance config, offline', () => {
  it('builds a removal, collects signatures, and shows when they suffice', async () => {
    const file = join(ch.root, 'remove-verifier.pb');
    const built = await cli(
      'config',
      'update',
      '--config',
      configFile,
      '--remove-org',
      'VerifierMSP',
      '-o',
      file,
    );
    expect(built).toMatchObject({ code: 0, err: '' });
    expect(built.out).toMatch(/^- org verifier: MSP ID: VerifierMSP$/m);
    expect((await cli('--as', 'brand/Admin', 'config', 'sign', file)).out).toMatch(
      /signatures now: BrandMSP/,
    );
    const again = await cli('--as', 'brand/Admin', 'config', 'sign', file);
    expect(again).toMatchObject({ code: 1 });
    expect(again.err).toMatch(/ALREADY_SIGNED/);
    expect((await cli('config', 'show', file, '--config', configFile)).out).toMatch(
      /NOT SATISFIED \/Channel\/Application\/Admins: .*1 of 5 orgs satisfied \(brand\), 3 required/,
    );
    await cli('--as', 'lab/Admin', 'config', 'sign', file);
    await cli('--as', 'platform/User1', 'config', 'sign', file);
    expect((await cli('config', 'show', file, '--config', configFile)).out).toMatch(
      /2 of 5 orgs satisfied \(brand, lab\)/,
    );
    await cli('--as', 'supplier/Admin', 'config', 'sign', file);
    const shown = await cli('config', 'show', file, '--config', configFile);
    expect(shown.out).toMatch(/^satisfied +\/Channel\/Application\/Admins/m);
    expect(shown.out).toMatch(/ready to submit/);
    const offline = await cli('config', 'show', file, '--offline');
    expect(offline.out).toMatch(/writes \[Group\] \/Channel\/Application -> version 1/);
    expect(offline.out).toMatch(/signed by: BrandMSP, LabMSP, PlatformMSP, SupplierMSP/);
  });

  it('builds a revocation signed by the org CA; junk input is refused with a code', async () => {
    const file = join(ch.root, 'revoke.pb');
    const cert = ch.crypto.orgs.lab?.users.User1?.certFile ?? '';
    const built = await cli(
      'config',
      'update',
      '--config',
      configFile,
      '--revoke-cert',
      cert,
      '--org',
      'lab',
      '-o',
      file,
    );
    expect(built.err).toBe('');
    expect(built.out).toMatch(/revoking .*CN=User1@lab\.alliance\.test/);
    expect(built.out).toMatch(
      /^\+ org lab: revocation lists: CN=ca\.lab\.alliance\.test revokes [0-9a-f]+$/m,
    );
    const wrongOrg = await cli(
      'config',
      'update',
      '--config',
      configFile,
      '--revoke-cert',
      cert,
      '--org',
      'brand',
      '-o',
      file,
    );
    expect(wrongOrg.err).toMatch(/NOT_ISSUED_BY_ORG/);
    const none = await cli('config', 'update', '--config', configFile, '-o', file);
    expect(none).toMatchObject({ code: 1 });
    writeFileSync(join(ch.root, 'junk.pb'), 'junk');
    expect((await cli('config', 'show', join(ch.root, 'junk.pb'), '--offline')).err).toMatch(
      /UPDATE_FILE_INVALID/,
    );
  });
});

describe('alliance identity issue', () => {
  it('issues a user the channel MSP accepts, with its role, usable with --as at once', async () => {
    expect((await cli('identity', 'issue', 'lab/analyst2', '--roles', 'analyst,reviewer')).err).toMatch(
      /exactly one user role/,
    );
    const issued = await cli('identity', 'issue', 'lab/analyst2', '--roles', 'analyst');
    expect(issued).toMatchObject({ code: 0, err: '' });
    const identity = loadProfileIdentity(loadProfile(profilePath), 'lab/analyst2');
    expect(identity.role).toBe('analyst');
    expect(identity.attributes['hf.EnrollmentID']).toBe('analyst2');
    const userMsp = join(
      ch.root,
      'organizations',
      'peerOrganizations',
      'lab.alliance.test',
      'users',
      'analyst2@lab.alliance.test',
      'msp',
    );
    expect(readFileSync(join(userMsp, 'keystore', 'priv_sk'), 'utf8')).toMatch(/PRIVATE KEY/);
    expect(readFileSync(join(userMsp, 'cacerts', 'ca.lab.alliance.test-cert.pem'), 'utf8')).toBe(
      ch.crypto.orgs.lab?.caCertPem,
    );
    const network = parseChannelConfig(
      networkProtos.Config.deserializeBinary(ch.config.serializeBinary()),
      'alliance',
    );
    const msp = network.msps.deserialize(serializedIdentity(identity));
    expect(msp.mspId).toBe('LabMSP');
    expect((await cli('identity', 'issue', 'lab/analyst2', '--roles', 'analyst')).err).toMatch(
      /exists already/,
    );
  });
});
