import { X509Certificate } from 'node:crypto';
import { msp } from '@hyperledger/fabric-protos';

/** Roles an identity can hold in an MSP, as principals name them. */
export type MspRole = 'member' | 'admin' | 'client' | 'peer' | 'orderer';

/** An identity that chains to its MSP's roots and was valid at the time asked. */
export interface ValidIdentity {
  readonly mspId: string;
  readonly certificate: X509Certificate;
  /** PEM bytes exactly as serialized in the transaction. */
  readonly idBytes: Uint8Array;
  /** Roles the certificate holds (NodeOU role, admin, always member). */
  readonly roles: ReadonlySet<MspRole>;
  /** The certificate's organisational units. */
  readonly ous: readonly string[];
}

/** The outcome of checking an identity against the channel's MSPs. */
export type IdentityCheck = { ok: true; identity: ValidIdentity } | { ok: false; reason: string };

/** One org's MSP as the channel configuration defines it. */
export interface ChannelMsp {
  readonly mspId: string;
  readonly roots: readonly X509Certificate[];
  readonly intermediates: readonly X509Certificate[];
  readonly adminCerts: readonly string[];
  /** NodeOU identifiers by role, when NodeOUs are enabled. */
  readonly nodeOUs: Readonly<Partial<Record<'client' | 'peer' | 'admin' | 'orderer', string>>> | undefined;
}

/**
 * Reads an MSP from `msp.MSPConfig` bytes found in the channel configuration.
 * @throws Error when it is not a Fabric X.509 MSP
 */
export function mspFromConfig(mspConfigBytes: Uint8Array): ChannelMsp {
  const cfg = msp.MSPConfig.deserializeBinary(mspConfigBytes);
  if (cfg.getType() !== 0) throw new Error(`MSP type ${cfg.getType()} is not a Fabric X.509 MSP`);
  const f = msp.FabricMSPConfig.deserializeBinary(cfg.getConfig_asU8());
  const certs = (list: Uint8Array[]): X509Certificate[] =>
    list.map((c) => new X509Certificate(Buffer.from(c)));
  const ous = f.getFabricNodeOus();
  const ou = (id: msp.FabricOUIdentifier | undefined): string | undefined =>
    id?.getOrganizationalUnitIdentifier() || undefined;
  return {
    mspId: f.getName(),
    roots: certs(f.getRootCertsList_asU8()),
    intermediates: certs(f.getIntermediateCertsList_asU8()),
    adminCerts: f.getAdminsList_asU8().map((c) => new X509Certificate(Buffer.from(c)).fingerprint256),
    nodeOUs: ous?.getEnable()
      ? dropUndefined({
          client: ou(ous.getClientOuIdentifier()),
          peer: ou(ous.getPeerOuIdentifier()),
          admin: ou(ous.getAdminOuIdentifier()),
          orderer: ou(ous.getOrdererOuIdentifier()),
        })
      : undefined,
  };
}

/**
 * Checks a serialized identity (`msp.SerializedIdentity` bytes) against the channel's MSPs at a given time:
 * its MSP exists, its certificate chains to that MSP's roots and was valid then; reads its roles.
 */
export function checkIdentity(
  msps: ReadonlyMap<string, ChannelMsp>,
  serialized: Uint8Array,
  at: Date,
): IdentityCheck {
  let sid: msp.SerializedIdentity;
  let certificate: X509Certificate;
  try {
    sid = msp.SerializedIdentity.deserializeBinary(serialized);
    certificate = new X509Certificate(Buffer.from(sid.getIdBytes_asU8()));
  } catch {
    return { ok: false, reason: 'identity is not a serialized X.509 identity' };
  }
  const m = msps.get(sid.getMspid());
  if (!m) return { ok: false, reason: `MSP ${sid.getMspid()} is not a member of the channel` };
  const chainProblem = checkChain(m, certificate, at);
  if (chainProblem)
    return { ok: false, reason: `${sid.getMspid()} identity ${subjectCn(certificate)}: ${chainProblem}` };
  const ous = organisationalUnits(certificate);
  const roles = new Set<MspRole>(['member']);
  if (m.nodeOUs) {
    for (const role of ['client', 'peer', 'admin', 'orderer'] as const) {
      const id = m.nodeOUs[role];
      if (id && ous.includes(id)) roles.add(role);
    }
  }
  if (m.adminCerts.includes(certificate.fingerprint256)) roles.add('admin');
  return { ok: true, identity: { mspId: m.mspId, certificate, idBytes: sid.getIdBytes_asU8(), roles, ous } };
}

/** Why the certificate does not chain to the MSP's roots (or was not valid at `at`), or undefined when it does. */
function checkChain(m: ChannelMsp, cert: X509Certificate, at: Date): string | undefined {
  const t = at.getTime();
  let current = cert;
  for (let depth = 0; depth < 8; depth++) {
    if (t < Date.parse(current.validFrom) || t > Date.parse(current.validTo))
      return `certificate ${subjectCn(current)} not valid at ${at.toISOString()}`;
    const root = m.roots.find((r) => current.checkIssued(r) && current.verify(r.publicKey));
    if (root) {
      if (t < Date.parse(root.validFrom) || t > Date.parse(root.validTo))
        return `root CA not valid at ${at.toISOString()}`;
      return undefined;
    }
    const next = m.intermediates.find((r) => current.checkIssued(r) && current.verify(r.publicKey));
    if (!next) return 'certificate does not chain to the MSP root CAs';
    current = next;
  }
  return 'certificate chain too long';
}

function organisationalUnits(cert: X509Certificate): string[] {
  return cert.subject
    .split('\n')
    .filter((l) => l.startsWith('OU='))
    .flatMap((l) => l.slice(3).split('+'));
}

/** The certificate's common name, for messages. */
export function subjectCn(cert: X509Certificate): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? cert.subject;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
