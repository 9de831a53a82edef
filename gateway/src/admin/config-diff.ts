import { X509Certificate, createHash } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import { subjectCn } from '../verify/msp';
import { fabricMspOf } from './config-edit';
import { describePolicy } from './policy-text';
import { readRevocationList } from './revocation';

/** One difference between two configs, in words. */
export interface ConfigChange {
  readonly kind: 'added' | 'removed' | 'changed';
  /** What changed, e.g. `org brand: anchor peers`, `policy /Channel/Application/Admins`. */
  readonly what: string;
  readonly before?: string;
  readonly after?: string;
}

const cn = (pem: Uint8Array): string => {
  try {
    return subjectCn(new X509Certificate(Buffer.from(pem)));
  } catch {
    return '(unreadable certificate)';
  }
};

function crlText(bytes: Uint8Array): string {
  try {
    const list = readRevocationList(bytes);
    return `${list.issuer.replace(/^.*CN=/, 'CN=')} revokes ${list.revoked.map((r) => r.serial).join(', ') || 'nothing'}`;
  } catch {
    return '(unreadable CRL)';
  }
}

/** Readable facts about an org group: MSP ID, CAs, admins, CRLs, anchor peers. */
function orgFacts(prefix: string, group: common.ConfigGroup, facts: Map<string, string>): void {
  const fabric = fabricMspOf(group);
  if (fabric) {
    facts.set(`${prefix}: MSP ID`, fabric.getName());
    facts.set(`${prefix}: root CAs`, fabric.getRootCertsList_asU8().map(cn).join(', '));
    if (fabric.getIntermediateCertsList_asU8().length)
      facts.set(`${prefix}: intermediate CAs`, fabric.getIntermediateCertsList_asU8().map(cn).join(', '));
    if (fabric.getAdminsList_asU8().length)
      facts.set(`${prefix}: admin certificates`, fabric.getAdminsList_asU8().map(cn).join(', '));
    facts.set(`${prefix}: TLS root CAs`, fabric.getTlsRootCertsList_asU8().map(cn).join(', '));
    facts.set(`${prefix}: NodeOUs`, fabric.getFabricNodeOus()?.getEnable() ? 'enabled' : 'disabled');
    const crls = fabric.getRevocationListList_asU8();
    if (crls.length) facts.set(`${prefix}: revocation lists`, crls.map(crlText).join('; '));
  }
  const anchors = group.getValuesMap().get('AnchorPeers');
  if (anchors) {
    const list = peer.AnchorPeers.deserializeBinary(anchors.getValue_asU8()).getAnchorPeersList();
    facts.set(`${prefix}: anchor peers`, list.map((a) => `${a.getHost()}:${a.getPort()}`).join(', '));
  }
}

/** Readable facts about a whole config, keyed by what they describe. */
export function configFacts(config: common.Config): Map<string, string> {
  const facts = new Map<string, string>();
  const visit = (group: common.ConfigGroup, path: string[]): void => {
    const where = `/${path.join('/')}`;
    const isOrg = path.length === 3 && (path[1] === 'Application' || path[1] === 'Orderer');
    if (isOrg) {
      const prefix = `${path[1] === 'Application' ? 'org' : 'orderer org'} ${path[2] ?? ''}`;
      facts.set(prefix, 'member');
      orgFacts(prefix, group, facts);
    }
    group.getPoliciesMap().forEach((p: common.ConfigPolicy, name: string) => {
      facts.set(
        `policy ${where}/${name}`,
        `${describePolicy(p.getPolicy())} (mod_policy ${p.getModPolicy() || '-'})`,
      );
    });
    group.getValuesMap().forEach((v: common.ConfigValue, name: string) => {
      if (isOrg && (name === 'MSP' || name === 'AnchorPeers')) return;
      facts.set(
        `value ${where}/${name}`,
        `sha256 ${createHash('sha256').update(v.getValue_asU8()).digest('hex').slice(0, 16)}`,
      );
    });
    if (path.length > 0 && !isOrg) facts.set(`group ${where} mod_policy`, group.getModPolicy() || '-');
    group.getGroupsMap().forEach((g: common.ConfigGroup, name: string) => {
      visit(g, [...path, name]);
    });
  };
  const root = config.getChannelGroup();
  if (root) visit(root, ['Channel']);
  return facts;
}

/** The differences between two configs: orgs, MSP IDs, CAs, CRLs, anchor peers, policies, other values. */
export function diffConfigs(before: common.Config, after: common.Config): ConfigChange[] {
  const a = configFacts(before);
  const b = configFacts(after);
  const changes: ConfigChange[] = [];
  for (const [what, value] of a) {
    const next = b.get(what);
    if (next === undefined) changes.push({ kind: 'removed', what, before: value });
    else if (next !== value) changes.push({ kind: 'changed', what, before: value, after: next });
  }
  for (const [what, value] of b) if (!a.has(what)) changes.push({ kind: 'added', what, after: value });
  return changes.sort((x, y) => x.what.localeCompare(y.what));
}

/** Diff lines for people: `+ added`, `- removed`, `~ changed: before -> after`. */
export function formatDiff(changes: readonly ConfigChange[]): string[] {
  if (changes.length === 0) return ['(no differences)'];
  return changes.map((c) => {
    if (c.kind === 'added') return `+ ${c.what}: ${c.after ?? ''}`;
    if (c.kind === 'removed') return `- ${c.what}: ${c.before ?? ''}`;
    return `~ ${c.what}: ${c.before ?? ''} -> ${c.after ?? ''}`;
  });
}
