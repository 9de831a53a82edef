import { X509Certificate } from 'node:crypto';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { z } from 'zod';
import { AdminError } from './errors';
import { anyRolePolicy } from './policy-text';

/** Names Fabric accepts for config groups, values and policies (configtx's allowed characters). */
const CONFIG_ID = /^[a-zA-Z0-9.-]{1,249}$/;

const pem = z.string().refine((text) => {
  try {
    new X509Certificate(text);
    return true;
  } catch {
    return false;
  }
}, 'must be a PEM X.509 certificate');

const nodeOUsSchema = z.object({
  enable: z.boolean().default(true),
  client: z.string().min(1).default('client'),
  peer: z.string().min(1).default('peer'),
  admin: z.string().min(1).default('admin'),
  orderer: z.string().min(1).default('orderer'),
});

const definitionSchema = z.object({
  name: z
    .string()
    .regex(CONFIG_ID, 'must be letters, digits, dots or dashes')
    .refine((n) => n !== '.' && n !== '..', 'cannot be . or ..'),
  mspId: z.string().regex(CONFIG_ID, 'must be letters, digits, dots or dashes'),
  rootCerts: z.array(pem).min(1, 'needs at least one root CA certificate'),
  intermediateCerts: z.array(pem).default([]),
  admins: z.array(pem).default([]),
  tlsRootCerts: z.array(pem).min(1, 'needs at least one TLS root CA certificate'),
  tlsIntermediateCerts: z.array(pem).default([]),
  revocationList: z.array(z.string().min(1)).default([]),
  nodeOUs: nodeOUsSchema.default({
    enable: true,
    client: 'client',
    peer: 'peer',
    admin: 'admin',
    orderer: 'orderer',
  }),
  anchorPeers: z
    .array(z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535) }))
    .default([]),
  roles: z.array(z.string().min(1)).default([]),
});

/**
 * A member org as the channel config needs it: its MSP (roots, admins, NodeOUs, TLS roots, CRLs) and
 * anchor peers, plus the ledger roles the alliance gives it (used by `member add`, not by the config).
 * Certificates are PEM text.
 */
export type OrgDefinition = z.infer<typeof definitionSchema>;

/**
 * Checks an org definition (the JSON object of a definition file).
 * @throws {@link AdminError} `ORG_DEFINITION_INVALID` listing every problem
 */
export function parseOrgDefinition(raw: unknown): OrgDefinition {
  const parsed = definitionSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AdminError('ORG_DEFINITION_INVALID', `org definition is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

function ouIdentifier(caCert: Uint8Array, ou: string): msp.FabricOUIdentifier {
  const id = new msp.FabricOUIdentifier();
  id.setCertificate(caCert);
  id.setOrganizationalUnitIdentifier(ou);
  return id;
}

/** The FabricMSPConfig of an org: each NodeOU certified by the first root CA, SHA-256 identities. */
export function mspConfigOf(def: OrgDefinition): msp.FabricMSPConfig {
  const config = new msp.FabricMSPConfig();
  config.setName(def.mspId);
  config.setRootCertsList(def.rootCerts.map(bytes));
  config.setIntermediateCertsList(def.intermediateCerts.map(bytes));
  config.setAdminsList(def.admins.map(bytes));
  config.setRevocationListList(def.revocationList.map(bytes));
  config.setTlsRootCertsList(def.tlsRootCerts.map(bytes));
  config.setTlsIntermediateCertsList(def.tlsIntermediateCerts.map(bytes));
  const crypto = new msp.FabricCryptoConfig();
  crypto.setSignatureHashFamily('SHA2');
  crypto.setIdentityIdentifierHashFunction('SHA256');
  config.setCryptoConfig(crypto);
  if (def.nodeOUs.enable) {
    const ca = bytes(def.rootCerts[0] ?? '');
    const ous = new msp.FabricNodeOUs();
    ous.setEnable(true);
    ous.setClientOuIdentifier(ouIdentifier(ca, def.nodeOUs.client));
    ous.setPeerOuIdentifier(ouIdentifier(ca, def.nodeOUs.peer));
    ous.setAdminOuIdentifier(ouIdentifier(ca, def.nodeOUs.admin));
    ous.setOrdererOuIdentifier(ouIdentifier(ca, def.nodeOUs.orderer));
    config.setFabricNodeOus(ous);
  }
  return config;
}

/** The MSP config value (`msp.MSPConfig` of type FABRIC) of a FabricMSPConfig. */
export function mspValueBytes(config: msp.FabricMSPConfig): Uint8Array {
  const wrapper = new msp.MSPConfig();
  wrapper.setType(0);
  wrapper.setConfig(config.serializeBinary());
  return wrapper.serializeBinary();
}

const ADMINS = 'Admins';

function value(content: Uint8Array): common.ConfigValue {
  const v = new common.ConfigValue();
  v.setValue(content);
  v.setModPolicy(ADMINS);
  return v;
}

function policy(p: common.Policy): common.ConfigPolicy {
  const cp = new common.ConfigPolicy();
  cp.setPolicy(p);
  cp.setModPolicy(ADMINS);
  return cp;
}

/**
 * The org's Application group as configtxgen writes one: MSP and AnchorPeers values, and the
 * Readers/Writers/Admins/Endorsement signature policies by NodeOU role, every mod_policy `Admins`
 * (so the org's own admin alone may later change its group).
 */
export function orgGroupOf(def: OrgDefinition): common.ConfigGroup {
  const g = new common.ConfigGroup();
  g.setModPolicy(ADMINS);
  g.getValuesMap().set('MSP', value(mspValueBytes(mspConfigOf(def))));
  if (def.anchorPeers.length > 0) {
    const anchors = new peer.AnchorPeers();
    anchors.setAnchorPeersList(
      def.anchorPeers.map((a) => {
        const ap = new peer.AnchorPeer();
        ap.setHost(a.host);
        ap.setPort(a.port);
        return ap;
      }),
    );
    g.getValuesMap().set('AnchorPeers', value(anchors.serializeBinary()));
  }
  const id = def.mspId;
  const policies = g.getPoliciesMap();
  policies.set('Readers', policy(anyRolePolicy(id, ['admin', 'peer', 'client'])));
  policies.set('Writers', policy(anyRolePolicy(id, ['admin', 'client'])));
  policies.set('Admins', policy(anyRolePolicy(id, ['admin'])));
  policies.set('Endorsement', policy(anyRolePolicy(id, ['peer'])));
  return g;
}

/** An org definition as the entry withOrgAdded takes: its name, MSP ID and ConfigGroup. */
export function orgEntryOf(def: OrgDefinition): {
  name: string;
  mspId: string;
  group: common.ConfigGroup;
  roles: readonly string[];
} {
  return { name: def.name, mspId: def.mspId, group: orgGroupOf(def), roles: def.roles };
}
