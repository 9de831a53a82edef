import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applicationOrgGroup } from '../channel';
import { anchorPeersValue } from '../channel/elements';
import type { OrgCrypto } from '../crypto';
import type { OrgDefinition } from '../definition';
import { describeSignaturePolicy } from '../policy';
import { common } from '@hyperledger/fabric-protos';

/**
 * The JSON file `add-org` writes next to the protobuf one (`<stateDir>/orgs/<name>/org.json`):
 * what a config update needs to bring the org into `/Channel/Application/<name>`.
 */
export interface OrgDefinitionFile {
  /** The org group's key under `/Channel/Application` (the org's short name). */
  readonly name: string;
  readonly mspId: string;
  readonly domain: string;
  /** Ledger org roles (for the registry, not the channel config). */
  readonly roles: string[];
  /** The org's peer as its anchor peer: the host other peers dial (its TLS host name unless given), and its port. */
  readonly anchorPeer: { host: string; port: number };
  /** The MSP's root and TLS root CA certificates (PEM); NodeOUs enabled with client/peer/admin/orderer OUs. */
  readonly msp: { rootCerts: string[]; tlsRootCerts: string[]; nodeOUs: true };
  /** The org group's policies in the policy language (all SIGNATURE policies, mod_policy Admins). */
  readonly policies: Record<string, string>;
  /** The same ConfigGroup as `org-group.pb`: common.ConfigGroup bytes, base64. */
  readonly configGroup: string;
  /** Absolute path of `org-group.pb` (common.ConfigGroup bytes). */
  readonly configGroupFile: string;
}

/** Where the org definition files of an added org live. */
export function orgDefinitionDir(stateDir: string, name: string): string {
  return join(stateDir, 'orgs', name);
}

function policiesOf(group: common.ConfigGroup): Record<string, string> {
  const policies: Record<string, string> = {};
  for (const [name, configPolicy] of group.getPoliciesMap().entries()) {
    const policy = configPolicy.getPolicy();
    if (policy?.getType() !== common.Policy.PolicyType.SIGNATURE) continue;
    policies[name] = describeSignaturePolicy(
      common.SignaturePolicyEnvelope.deserializeBinary(policy.getValue_asU8()),
    );
  }
  return policies;
}

/**
 * Writes an org's channel definition in two forms: `org-group.pb`, the `common.ConfigGroup` (every
 * element at version 0, mod_policy Admins) exactly as a config update adds it under
 * `/Channel/Application/<name>`, and `org.json`, the same group in base64 with a readable summary.
 * Also writes `definition.json`, the org as the network definition holds it. `anchorHost` is
 * the address other orgs' peers dial for gossip (on a loopback network of real peers, 127.0.0.1,
 * which the peer's TLS certificate also names); by default the peer's host name.
 */
export function writeOrgDefinitionFiles(
  stateDir: string,
  org: OrgDefinition,
  crypto: OrgCrypto,
  peerPort: number,
  anchorHost: string = org.peer.host,
): OrgDefinitionFile {
  const dir = orgDefinitionDir(stateDir, org.name);
  mkdirSync(dir, { recursive: true });
  const group = applicationOrgGroup(crypto, peerPort);
  if (anchorHost !== org.peer.host)
    group.getValuesMap().set('AnchorPeers', anchorPeersValue(anchorHost, peerPort));
  const bytes = group.serializeBinary();
  const configGroupFile = join(dir, 'org-group.pb');
  writeFileSync(configGroupFile, bytes);
  const file: OrgDefinitionFile = {
    name: org.name,
    mspId: org.mspId,
    domain: org.domain,
    roles: [...org.roles],
    anchorPeer: { host: anchorHost, port: peerPort },
    msp: { rootCerts: [crypto.caCertPem], tlsRootCerts: [crypto.tlsCaCertPem], nodeOUs: true },
    policies: policiesOf(group),
    configGroup: Buffer.from(bytes).toString('base64'),
    configGroupFile,
  };
  writeFileSync(join(dir, 'org.json'), `${JSON.stringify(file, null, 2)}\n`);
  writeFileSync(
    join(dir, 'definition.json'),
    `${JSON.stringify({ ...org, peer: { ...org.peer, port: peerPort } }, null, 2)}\n`,
  );
  return file;
}
