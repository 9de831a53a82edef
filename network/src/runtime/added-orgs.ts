import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OrgDefinition } from '../definition';

/**
 * The orgs `add-org` added to a network, read from `<stateDir>/orgs/<name>/definition.json`, so
 * that a restarted network still serves them (their peers join through the orderer, never from
 * a locally built genesis block).
 */
export function addedOrgs(stateDir: string): OrgDefinition[] {
  const dir = join(stateDir, 'orgs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => join(dir, name, 'definition.json'))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as OrgDefinition);
}
