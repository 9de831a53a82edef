import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  DefinitionError,
  defaultNetworkDefinition,
  isDefinitionError,
  loadNetworkDefinition,
  parseNetworkDefinition,
} from '@alliance/network/definition';

const dir = mkdtempSync(join(tmpdir(), 'definition-'));

function writeYaml(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function issuesOf(value: unknown): string[] {
  try {
    parseNetworkDefinition(value);
  } catch (error) {
    if (error instanceof DefinitionError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected the definition to be refused');
}

const minimalOrg = { name: 'acme', roles: ['LAB'] };

describe('network definition', () => {
  it('network/network.yaml is the default network', () => {
    expect(loadNetworkDefinition(join(__dirname, '../../../network/network.yaml'))).toEqual(
      defaultNetworkDefinition(),
    );
  });

  it('the default network has the ordering org and the five member orgs with their roles and users', () => {
    const def = defaultNetworkDefinition();
    expect(def.channel).toBe('alliance');
    expect(def.chaincode.name).toBe('provenance');
    expect(def.orderer.mspId).toBe('OrdererMSP');
    expect(def.orgs.map((o) => [o.name, o.mspId, o.roles])).toEqual([
      ['platform', 'PlatformMSP', ['PLATFORM', 'ACCREDITATION_REGISTRAR', 'AUDITOR']],
      ['brand', 'BrandMSP', ['MANUFACTURER']],
      ['supplier', 'SupplierMSP', ['SUPPLIER', 'IMPORTER']],
      ['lab', 'LabMSP', ['LAB']],
      ['verifier', 'VerifierMSP', ['LAB', 'VERIFIER']],
    ]);
    const users = Object.fromEntries(
      def.orgs.map((o) => [o.name, o.users.map((u) => `${u.name}:${u.roles.join('+')}`)]),
    );
    expect(users.platform).toEqual(['Admin:admin', 'User1:member', 'auditor:auditor']);
    expect(users.brand).toEqual(['Admin:admin', 'User1:member', 'approver:approver']);
    expect(users.lab).toEqual([
      'Admin:admin',
      'User1:member',
      'analyst:analyst',
      'reviewer:reviewer',
      'approver:approver',
    ]);
    expect(def.proposalTimeWindowMinutes).toBe(15);
    expect(def.endorsementPolicy).toBe('MAJORITY Endorsement');
  });

  it('fills defaults for a minimal definition', () => {
    const def = parseNetworkDefinition({ orgs: [minimalOrg] });
    expect(def.orgs[0]).toEqual({
      name: 'acme',
      mspId: 'AcmeMSP',
      domain: 'acme.alliance.test',
      roles: ['LAB'],
      peer: { host: 'peer0.acme.alliance.test', port: 0 },
      users: [
        { name: 'Admin', roles: ['admin'] },
        { name: 'User1', roles: ['member'] },
      ],
    });
    expect(def.orderer).toEqual({
      name: 'orderer',
      mspId: 'OrdererMSP',
      domain: 'alliance.test',
      host: 'orderer.alliance.test',
      port: 0,
    });
    expect(def.batch.cutOnDrain).toBe(true);
    expect(def.channel).toBe('alliance');
  });

  it('keeps given users and adds Admin and User1 in front', () => {
    const def = parseNetworkDefinition({
      orgs: [{ ...minimalOrg, users: [{ name: 'analyst', roles: ['analyst'] }] }],
    });
    expect(def.orgs[0]!.users.map((u) => u.name)).toEqual(['Admin', 'User1', 'analyst']);
  });

  it('lists every problem with its path', () => {
    const issues = issuesOf({
      channel: 'Alliance',
      chaincode: { name: 'bad name' },
      orgs: [
        { name: 'acme', roles: ['lab'], peer: { port: 70000 } },
        { name: 'acme', mspId: 'Bad MSP', roles: [], users: [{ name: 'x', roles: ['boss'] }] },
      ],
      batch: { maxMessageCount: 0, preferredMaxBytes: 10, absoluteMaxBytes: 5 },
      colour: 'blue',
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^colour: unknown field/),
        expect.stringMatching(/^channel: 'Alliance' is not valid/),
        expect.stringMatching(/^chaincode\.name: 'bad name' is not valid/),
        expect.stringMatching(/^orgs\[0\]\.roles\[0\]: 'lab' is not valid/),
        expect.stringMatching(/^orgs\[0\]\.peer\.port: must be an integer from 0 to 65535/),
        expect.stringMatching(/^orgs\[1\]\.mspId: 'Bad MSP' is not valid/),
        expect.stringMatching(/^orgs\[1\]\.roles: needs at least one/),
        expect.stringMatching(/^orgs\[1\]\.users\[0\]\.roles\[0\]: 'boss' is not valid/),
        expect.stringMatching(/^orgs\[1\]\.name: duplicate org name 'acme'/),
        expect.stringMatching(/^batch\.maxMessageCount: must be an integer/),
        expect.stringMatching(/^batch\.preferredMaxBytes: must not exceed/),
      ]),
    );
  });

  it('refuses duplicate MSP ids, hosts and fixed ports, but allows several port 0', () => {
    const issues = issuesOf({
      orderer: { port: 7050 },
      orgs: [
        { ...minimalOrg, mspId: 'OrdererMSP', peer: { port: 7050 } },
        { name: 'other', roles: ['LAB'], peer: { host: 'peer0.acme.alliance.test' } },
      ],
    });
    expect(issues).toEqual([
      "orgs[0].mspId: duplicate MSP ID 'OrdererMSP'",
      "orgs[1].peer.host: duplicate host 'peer0.acme.alliance.test'",
      "orgs[0].peer.port: duplicate port '7050'",
    ]);
    expect(() =>
      parseNetworkDefinition({ orgs: [minimalOrg, { name: 'other', roles: ['LAB'] }] }),
    ).not.toThrow();
  });

  it('requires Admin to be an admin', () => {
    expect(issuesOf({ orgs: [{ ...minimalOrg, users: [{ name: 'Admin', roles: ['member'] }] }] })).toEqual([
      "orgs[0].users: user 'Admin' must have 'admin' as its first role",
    ]);
  });

  it('accepts a channel policy reference or a signature policy over known orgs', () => {
    const orgs = [minimalOrg, { name: 'beta', roles: ['LAB'] }];
    expect(parseNetworkDefinition({ orgs, endorsementPolicy: 'ANY Endorsement' }).endorsementPolicy).toBe(
      'ANY Endorsement',
    );
    expect(
      parseNetworkDefinition({ orgs, endorsementPolicy: "AND('AcmeMSP.peer','BetaMSP.peer')" })
        .endorsementPolicy,
    ).toContain('AND');
    expect(issuesOf({ orgs, endorsementPolicy: "OR('GhostMSP.peer')" })).toEqual([
      "endorsementPolicy: names 'GhostMSP', which is not the MSP ID of any org",
    ]);
    expect(issuesOf({ orgs, endorsementPolicy: 'OR(AcmeMSP.peer' })[0]).toMatch(
      /^endorsementPolicy: must be a channel policy reference/,
    );
  });

  it('refuses a definition without orgs and a non-mapping document', () => {
    expect(issuesOf({})).toEqual(['orgs: needs at least one member org']);
    expect(issuesOf(['a'])).toEqual([': must be a mapping', 'orgs: needs at least one member org']);
  });

  it('loads YAML with coded errors for a missing file, bad YAML and bad content', () => {
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (error) {
        return isDefinitionError(error) ? error.code : 'OTHER';
      }
      return undefined;
    };
    expect(code(() => loadNetworkDefinition(join(dir, 'missing.yaml')))).toBe('DEFINITION_NOT_FOUND');
    expect(code(() => loadNetworkDefinition(writeYaml('bad.yaml', 'orgs: [a, b\n')))).toBe(
      'DEFINITION_NOT_YAML',
    );
    expect(code(() => loadNetworkDefinition(writeYaml('empty.yaml', 'channel: alliance\n')))).toBe(
      'INVALID_DEFINITION',
    );
    const file = writeYaml('good.yaml', stringify({ orgs: [minimalOrg] }));
    expect(loadNetworkDefinition(file).orgs[0]!.mspId).toBe('AcmeMSP');
  });

  it('names the file and every issue in the error message', () => {
    const file = writeYaml('issues.yaml', stringify({ orgs: [{ name: 'acme' }] }));
    expect(() => loadNetworkDefinition(file)).toThrow(
      `invalid network definition ${file}:\n  - orgs[0].roles: needs at least one ledger org role`,
    );
  });
});
