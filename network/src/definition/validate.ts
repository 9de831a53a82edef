import { isPolicyError } from '../policy/errors';
import { policyMspIds } from '../policy/parse';
import {
  BASE_DOMAIN,
  DEFAULT_BATCH,
  DEFAULT_ENDORSEMENT_POLICY,
  DEFAULT_PROPOSAL_TIME_WINDOW_MINUTES,
  baseUsers,
} from './defaults';
import { DefinitionError } from './errors';
import { FieldReader, type RawObject } from './reader';
import {
  USER_ROLES,
  type NetworkDefinition,
  type OrdererDefinition,
  type OrgDefinition,
  type UserDefinition,
} from './types';

const CHANNEL = {
  re: /^[a-z][a-z0-9.-]{0,248}$/,
  hint: 'lower-case letters, digits, dots and dashes, starting with a letter',
};
const ORG_NAME = {
  re: /^[a-z][a-z0-9-]{0,62}$/,
  hint: 'lower-case letters, digits and dashes, starting with a letter',
};
const MSP_ID = {
  re: /^[A-Za-z0-9.-]+$/,
  hint: 'letters, digits, dots and dashes (the policy language allows no other)',
};
const HOST = {
  re: /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
  hint: 'a lower-case DNS name',
};
const CC_NAME = {
  re: /^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$/,
  hint: 'letters and digits, joined by single dashes or underscores',
};
const CC_VERSION = { re: /^[A-Za-z0-9_.+-]+$/, hint: 'letters, digits and . _ + -' };
const PATH = { re: /\S/, hint: 'a path' };
const ORG_ROLE = { re: /^[A-Z][A-Z0-9_]*$/, hint: 'an upper-case ledger role such as LAB or SUPPLIER' };
const USER_NAME = {
  re: /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
  hint: 'letters, digits, _ and -, starting with a letter',
};
const USER_ROLE = { re: new RegExp(`^(${USER_ROLES.join('|')})$`), hint: `one of ${USER_ROLES.join(', ')}` };
const CHANNEL_POLICY_REF = /^(ANY|ALL|MAJORITY) [A-Za-z][A-Za-z0-9]*$/;
const PORT_MAX = 65535;

function mspIdFor(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1).replace(/-/g, '')}MSP`;
}

function readUsers(r: FieldReader, raw: RawObject, path: string): UserDefinition[] {
  const items = r.list(raw, 'users', path) ?? [];
  const users = items.map((item, i): UserDefinition => {
    const at = `${path}.users[${i}]`;
    const u = r.object(item, at, ['name', 'roles']);
    const name = r.string(u, 'name', at, '', USER_NAME);
    if (name === '') r.fail(`${at}.name`, 'is required');
    const roles = r.strings(u, 'roles', at, ['member'], USER_ROLE);
    if (roles.length === 0) r.fail(`${at}.roles`, 'needs at least one role');
    return { name, roles };
  });
  // Every org has an Admin and a User1: the tools and the demo rely on them.
  for (const base of baseUsers().reverse()) {
    if (!users.some((u) => u.name === base.name)) users.unshift(base);
  }
  const admin = users.find((u) => u.name === 'Admin');
  if (admin && admin.roles[0] !== 'admin')
    r.fail(`${path}.users`, "user 'Admin' must have 'admin' as its first role");
  r.unique(
    users.map((u, i) => ({ value: u.name, path: `${path}.users[${i}].name` })),
    'user name',
  );
  return users;
}

function readOrg(r: FieldReader, item: unknown, path: string): OrgDefinition {
  const o = r.object(item, path, ['name', 'mspId', 'domain', 'roles', 'peer', 'users']);
  const name = r.string(o, 'name', path, '', ORG_NAME);
  if (name === '') r.fail(`${path}.name`, 'is required');
  const mspId = r.string(o, 'mspId', path, mspIdFor(name), MSP_ID);
  const domain = r.string(o, 'domain', path, `${name}.${BASE_DOMAIN}`, HOST);
  const roles = r.strings(o, 'roles', path, [], ORG_ROLE);
  if (roles.length === 0) r.fail(`${path}.roles`, 'needs at least one ledger org role');
  const p = r.object(o.peer, `${path}.peer`, ['host', 'port']);
  const peer = {
    host: r.string(p, 'host', `${path}.peer`, `peer0.${domain}`, HOST),
    port: r.integer(p, 'port', `${path}.peer`, 0, 0, PORT_MAX),
  };
  return { name, mspId, domain, roles, peer, users: readUsers(r, o, path) };
}

function readOrderer(r: FieldReader, value: unknown): OrdererDefinition {
  const o = r.object(value, 'orderer', ['name', 'mspId', 'domain', 'host', 'port']);
  const name = r.string(o, 'name', 'orderer', 'orderer', ORG_NAME);
  const domain = r.string(o, 'domain', 'orderer', BASE_DOMAIN, HOST);
  return {
    name,
    mspId: r.string(o, 'mspId', 'orderer', 'OrdererMSP', MSP_ID),
    domain,
    host: r.string(o, 'host', 'orderer', `${name}.${domain}`, HOST),
    port: r.integer(o, 'port', 'orderer', 0, 0, PORT_MAX),
  };
}

function checkUniqueness(r: FieldReader, def: NetworkDefinition): void {
  const orgs = def.orgs.map((o, i) => ({ o, at: `orgs[${i}]` }));
  r.unique(
    orgs.map(({ o, at }) => ({ value: o.name, path: `${at}.name` })),
    'org name',
  );
  r.unique(
    [
      { value: def.orderer.mspId, path: 'orderer.mspId' },
      ...orgs.map(({ o, at }) => ({ value: o.mspId, path: `${at}.mspId` })),
    ],
    'MSP ID',
  );
  r.unique(
    orgs.map(({ o, at }) => ({ value: o.domain, path: `${at}.domain` })),
    'domain',
  );
  r.unique(
    [
      { value: def.orderer.host, path: 'orderer.host' },
      ...orgs.map(({ o, at }) => ({ value: o.peer.host, path: `${at}.peer.host` })),
    ],
    'host',
  );
  const ports = [
    { value: def.orderer.port, path: 'orderer.port' },
    ...orgs.map(({ o, at }) => ({ value: o.peer.port, path: `${at}.peer.port` })),
  ];
  r.unique(
    ports.filter((p) => p.value !== 0).map((p) => ({ value: String(p.value), path: p.path })),
    'port',
  );
}

function checkEndorsementPolicy(r: FieldReader, def: NetworkDefinition): void {
  const text = def.endorsementPolicy;
  if (CHANNEL_POLICY_REF.test(text)) return;
  try {
    const known = new Set(def.orgs.map((o) => o.mspId));
    for (const id of policyMspIds(text)) {
      if (!known.has(id)) r.fail('endorsementPolicy', `names '${id}', which is not the MSP ID of any org`);
    }
  } catch (error) {
    if (!isPolicyError(error)) throw error;
    r.fail(
      'endorsementPolicy',
      `must be a channel policy reference such as 'MAJORITY Endorsement' or a signature policy: ${error.message}`,
    );
  }
}

/**
 * Validates a network definition read from YAML (or built in code) and fills in the defaults:
 * org domains, MSP ids, peer hosts, the Admin and User1 users, batch settings, endorsement
 * policy and the proposal time window. Throws DefinitionError INVALID_DEFINITION listing every
 * problem.
 */
export function parseNetworkDefinition(value: unknown): NetworkDefinition {
  const r = new FieldReader();
  const raw = r.object(value, '', [
    'channel',
    'chaincode',
    'orderer',
    'orgs',
    'batch',
    'endorsementPolicy',
    'proposalTimeWindowMinutes',
  ]);
  const cc = r.object(raw.chaincode, 'chaincode', ['name', 'version', 'path']);
  const batch = r.object(raw.batch, 'batch', [
    'timeoutMs',
    'maxMessageCount',
    'preferredMaxBytes',
    'absoluteMaxBytes',
    'cutOnDrain',
  ]);
  const orgItems = r.list(raw, 'orgs', '') ?? [];
  if (orgItems.length === 0) r.fail('orgs', 'needs at least one member org');
  const def: NetworkDefinition = {
    channel: r.string(raw, 'channel', '', 'alliance', CHANNEL),
    chaincode: {
      name: r.string(cc, 'name', 'chaincode', 'provenance', CC_NAME),
      version: r.string(cc, 'version', 'chaincode', '1.0', CC_VERSION),
      path: r.string(cc, 'path', 'chaincode', 'chaincode', PATH),
    },
    orderer: readOrderer(r, raw.orderer),
    orgs: orgItems.map((item, i) => readOrg(r, item, `orgs[${i}]`)),
    batch: {
      timeoutMs: r.integer(batch, 'timeoutMs', 'batch', DEFAULT_BATCH.timeoutMs, 1, 3_600_000),
      maxMessageCount: r.integer(
        batch,
        'maxMessageCount',
        'batch',
        DEFAULT_BATCH.maxMessageCount,
        1,
        100_000,
      ),
      preferredMaxBytes: r.integer(
        batch,
        'preferredMaxBytes',
        'batch',
        DEFAULT_BATCH.preferredMaxBytes,
        1,
        2 ** 31,
      ),
      absoluteMaxBytes: r.integer(
        batch,
        'absoluteMaxBytes',
        'batch',
        DEFAULT_BATCH.absoluteMaxBytes,
        1,
        2 ** 31,
      ),
      cutOnDrain: r.boolean(batch, 'cutOnDrain', 'batch', DEFAULT_BATCH.cutOnDrain),
    },
    endorsementPolicy: r.string(raw, 'endorsementPolicy', '', DEFAULT_ENDORSEMENT_POLICY),
    proposalTimeWindowMinutes: r.integer(
      raw,
      'proposalTimeWindowMinutes',
      '',
      DEFAULT_PROPOSAL_TIME_WINDOW_MINUTES,
      0,
      525_600,
    ),
  };
  if (def.batch.preferredMaxBytes > def.batch.absoluteMaxBytes)
    r.fail('batch.preferredMaxBytes', 'must not exceed batch.absoluteMaxBytes');
  checkUniqueness(r, def);
  checkEndorsementPolicy(r, def);
  if (r.issues.length > 0)
    throw new DefinitionError('INVALID_DEFINITION', 'invalid network definition', r.issues);
  return def;
}
