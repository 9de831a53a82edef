import { basename, join } from 'node:path';
import type { UserDefinition } from '../definition/types';
import type { Authority } from './certificates';
import { loadOrIssueAuthority, loadOrIssueLeaf, writeFile } from './files';
import { type OrgKind, OrgLayout, nodeOusConfig } from './layout';
import type { IdentityFiles, OrgCrypto, TlsFiles } from './types';

/** What an org's crypto material is generated from. */
export interface OrgSpec {
  name: string;
  mspId: string;
  domain: string;
  kind: OrgKind;
  /** Host name of the org's peer (or of the orderer). */
  nodeHost: string;
  users: UserDefinition[];
}

/** The two CAs of an org, with the layout they live in. */
export interface OrgAuthorities {
  layout: OrgLayout;
  ca: Authority;
  tlsCa: Authority;
}

/** Writes an MSP folder's shared part: CA certificates and the NodeOUs config. */
function writeMspFolder(mspDir: string, orgs: OrgAuthorities): void {
  const caName = basename(orgs.layout.authority('ca').certFile);
  writeFile(join(mspDir, 'cacerts', caName), orgs.ca.certPem);
  writeFile(
    join(mspDir, 'tlscacerts', basename(orgs.layout.authority('tlsca').certFile)),
    orgs.tlsCa.certPem,
  );
  writeFile(join(mspDir, 'config.yaml'), nodeOusConfig(caName));
}

/** A node's or user's TLS certificate, key and the TLS CA, under `tlsDir`. */
async function tlsIdentity(
  tlsDir: string,
  side: 'server' | 'client',
  commonName: string,
  hosts: string[],
  orgs: OrgAuthorities,
): Promise<TlsFiles> {
  const files = OrgLayout.tlsFiles(tlsDir, side);
  const pair = await loadOrIssueLeaf(files, { kind: 'tls', commonName, hosts }, orgs.tlsCa);
  writeFile(files.caFile, orgs.tlsCa.certPem);
  return { ...files, ...pair };
}

/** The attributes a user certificate carries: its first role, as Fabric CA would enrol it. */
function userAttributes(user: UserDefinition): Record<string, string> {
  const role = user.roles[0] ?? 'member';
  return {
    'alliance.role': role,
    'hf.EnrollmentID': user.name,
    'hf.Type': role === 'admin' ? 'admin' : 'client',
  };
}

/** Issues (or keeps) a user's MSP folder and TLS client certificate. */
export async function userIdentity(user: UserDefinition, orgs: OrgAuthorities): Promise<IdentityFiles> {
  const dir = orgs.layout.userDir(user.name);
  const mspDir = join(dir, 'msp');
  const commonName = `${user.name}@${orgs.layout.domain}`;
  const files = OrgLayout.signingFiles(mspDir, commonName);
  const role = user.roles[0] ?? 'member';
  const request = {
    kind: 'signing' as const,
    commonName,
    organizationalUnit: role === 'admin' ? 'admin' : 'client',
    attributes: userAttributes(user),
  };
  const [pair] = await Promise.all([
    loadOrIssueLeaf(files, request, orgs.ca),
    tlsIdentity(join(dir, 'tls'), 'client', commonName, [commonName], orgs),
  ]);
  writeMspFolder(mspDir, orgs);
  return { ...files, ...pair };
}

/** The org's two CAs, kept when present. */
export async function orgAuthorities(layout: OrgLayout): Promise<OrgAuthorities> {
  const [ca, tlsCa] = await Promise.all([
    loadOrIssueAuthority(layout.authority('ca'), `ca.${layout.domain}`, layout.domain),
    loadOrIssueAuthority(layout.authority('tlsca'), `tlsca.${layout.domain}`, layout.domain),
  ]);
  return { layout, ca, tlsCa };
}

/** Generates (or completes) one org's crypto material in the cryptogen layout under `root`. */
export async function generateOrg(spec: OrgSpec, root: string): Promise<OrgCrypto> {
  const orgs = await orgAuthorities(OrgLayout.under(root, spec.kind, spec.domain));
  const { layout } = orgs;
  writeMspFolder(layout.mspDir, orgs);
  const nodeDir = layout.nodeDir(spec.nodeHost);
  const nodeMsp = join(nodeDir, 'msp');
  const nodeFiles = OrgLayout.signingFiles(nodeMsp, spec.nodeHost);
  const shortName = spec.nodeHost.split('.')[0] ?? spec.nodeHost;
  const [nodePair, tls, users] = await Promise.all([
    loadOrIssueLeaf(
      nodeFiles,
      { kind: 'signing', commonName: spec.nodeHost, organizationalUnit: spec.kind },
      orgs.ca,
    ),
    tlsIdentity(
      join(nodeDir, 'tls'),
      'server',
      spec.nodeHost,
      [spec.nodeHost, shortName, 'localhost', '127.0.0.1'],
      orgs,
    ),
    Promise.all(
      spec.users.map(async (user): Promise<[string, IdentityFiles & { roles: string[] }]> => [
        user.name,
        { ...(await userIdentity(user, orgs)), roles: [...user.roles] },
      ]),
    ),
  ]);
  writeMspFolder(nodeMsp, orgs);
  return {
    name: spec.name,
    mspId: spec.mspId,
    domain: spec.domain,
    mspDir: layout.mspDir,
    caCertPem: orgs.ca.certPem,
    tlsCaCertPem: orgs.tlsCa.certPem,
    tlsCaFile: layout.authority('tlsca').certFile,
    node: { host: spec.nodeHost, mspDir: nodeMsp, identity: { ...nodeFiles, ...nodePair }, tls },
    users: Object.fromEntries(users),
    caKeyPem: orgs.ca.key.pem,
  };
}
