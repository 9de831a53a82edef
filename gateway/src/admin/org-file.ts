import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { fabricMspOf } from './config-edit';
import { AdminError } from './errors';
import { orgEntryOf, parseOrgDefinition } from './org-definition';

/** An org ready to be added under `/Channel/Application/<name>`. */
export interface OrgEntry {
  /** The group's key (the org's short name, used in `--as <name>/User1`). */
  readonly name: string;
  readonly mspId: string;
  /** The org's ConfigGroup (MSP, anchor peers, policies), every element at version 0. */
  readonly group: common.ConfigGroup;
  /** Ledger org roles the file names (for `member add`); empty when it names none. */
  readonly roles: readonly string[];
}

function invalid(path: string, why: string, cause?: unknown): AdminError {
  return new AdminError(
    'ORG_DEFINITION_INVALID',
    `org definition ${path}: ${why}`,
    cause === undefined ? undefined : { cause },
  );
}

/** Checks that a group decoded from a file is an org group: a Fabric MSP value naming its MSP ID. */
function checkedEntry(
  path: string,
  name: string,
  group: common.ConfigGroup,
  roles: readonly string[],
): OrgEntry {
  let mspId: string | undefined;
  try {
    mspId = fabricMspOf(group)?.getName();
  } catch (cause) {
    throw invalid(path, 'its MSP value is not a Fabric MSP config', cause);
  }
  if (!mspId) throw invalid(path, 'the org group has no MSP value');
  if (!/^[a-zA-Z0-9.-]{1,249}$/.test(name))
    throw invalid(path, `org name "${name}" must be letters, digits, dots or dashes`);
  return { name, mspId, group, roles };
}

function decodeGroup(path: string, bytes: Uint8Array): common.ConfigGroup {
  try {
    return common.ConfigGroup.deserializeBinary(bytes);
  } catch (cause) {
    throw invalid(path, 'it is not a common.ConfigGroup', cause);
  }
}

function readJson(path: string): Record<string, unknown> {
  try {
    const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not a JSON object');
    return raw as Record<string, unknown>;
  } catch (cause) {
    throw invalid(path, 'cannot read it as a JSON object', cause);
  }
}

const stringsOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * Reads the definition of an org to add, in any of the forms the network's `add-org` writes or a
 * person writes:
 * - `org-group.pb`: the org's `common.ConfigGroup` bytes; its name comes from `nameOverride`, else
 *   from the `org.json` beside it, else from the folder (`orgs/<name>/org-group.pb`);
 * - `org.json` with a `configGroup` (base64 ConfigGroup) and a `name`;
 * - a JSON org definition (mspId, rootCerts, tlsRootCerts, anchorPeers, ...; see parseOrgDefinition).
 * @throws {@link AdminError} `ORG_DEFINITION_INVALID` naming what is wrong
 */
export function readOrgFile(path: string, nameOverride?: string): OrgEntry {
  if (!path.endsWith('.json')) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (cause) {
      throw invalid(path, 'cannot read it', cause);
    }
    let name = nameOverride;
    let roles: string[] = [];
    const sibling = join(dirname(path), 'org.json');
    try {
      const json = JSON.parse(readFileSync(sibling, 'utf8')) as { name?: unknown; roles?: unknown };
      if (typeof json.name === 'string') name ??= json.name;
      roles = stringsOf(json.roles);
    } catch {
      // No readable org.json beside it: the folder names the org.
    }
    return checkedEntry(path, name ?? basename(dirname(path)), decodeGroup(path, bytes), roles);
  }
  const json = readJson(path);
  if (typeof json.configGroup === 'string') {
    const name = nameOverride ?? (typeof json.name === 'string' ? json.name : undefined);
    if (!name) throw invalid(path, 'it has a configGroup but no name');
    return checkedEntry(
      path,
      name,
      decodeGroup(path, Buffer.from(json.configGroup, 'base64')),
      stringsOf(json.roles),
    );
  }
  return orgEntryOf(parseOrgDefinition(nameOverride ? { ...json, name: nameOverride } : json));
}
