import { createHash, type KeyObject } from 'node:crypto';
import type { msp } from '@hyperledger/fabric-protos';
import { type ParsedCertificate, parseCertificate } from './certificate';
import { parseRevocationList } from './crl';
import { IdentityError } from './errors';
import type { NodeOuRole } from './types';

/** What validation of a certificate against its MSP yields. */
export interface Validated {
  readonly role: NodeOuRole;
  /** Hex SHA-256 over the DER of the issuing chain (issuer first, root last): Fabric's certifiers identifier. */
  readonly certifiersIdentifier: string;
}

interface CertificateAuthority {
  readonly cert: ParsedCertificate;
  readonly publicKey: KeyObject;
  readonly isRoot: boolean;
  /** Serials revoked by the CRLs this CA signed. */
  readonly revoked: ReadonlySet<string>;
}

interface OuIdentifier {
  readonly ou: string;
  /** DER of the CA the OU must be certified by, when the config names one. */
  readonly certifier?: Buffer;
}

const NODE_OU_ROLES: NodeOuRole[] = ['client', 'peer', 'admin', 'orderer'];
const MAX_CHAIN_DEPTH = 8;

function ouIdentifier(id: msp.FabricOUIdentifier | undefined): OuIdentifier | undefined {
  if (!id || id.getOrganizationalUnitIdentifier() === '') return undefined;
  const cert = id.getCertificate_asU8();
  return {
    ou: id.getOrganizationalUnitIdentifier(),
    ...(cert.length > 0 ? { certifier: parseCertificate(cert).der } : {}),
  };
}

/** One X.509 MSP of a channel, built from its FabricMSPConfig: roots, intermediates, CRLs, admins and NodeOUs. */
export class FabricMsp {
  readonly mspId: string;
  private readonly authorities: CertificateAuthority[];
  private readonly admins: ReadonlySet<string>;
  private readonly nodeOus: ReadonlyMap<NodeOuRole, OuIdentifier> | undefined;
  private readonly allowedOus: readonly OuIdentifier[];

  constructor(config: msp.FabricMSPConfig) {
    this.mspId = config.getName();
    if (this.mspId === '') throw new IdentityError('MALFORMED', 'MSP config has no name');
    const crls = config.getRevocationListList_asU8().map((bytes) => parseRevocationList(bytes));
    const authority = (bytes: Uint8Array, isRoot: boolean): CertificateAuthority => {
      const cert = parseCertificate(bytes);
      const publicKey = cert.x509.publicKey;
      const revoked = new Set(
        crls.filter((crl) => crl.signedBy(publicKey)).flatMap((crl) => [...crl.revokedSerials]),
      );
      return { cert, publicKey, isRoot, revoked };
    };
    this.authorities = [
      ...config.getRootCertsList_asU8().map((b) => authority(b, true)),
      ...config.getIntermediateCertsList_asU8().map((b) => authority(b, false)),
    ];
    if (!this.authorities.some((a) => a.isRoot))
      throw new IdentityError('MALFORMED', `MSP ${this.mspId} has no root certificate`);
    this.admins = new Set(config.getAdminsList_asU8().map((b) => parseCertificate(b).id));
    const ous = config.getFabricNodeOus();
    this.nodeOus = ous?.getEnable()
      ? new Map(
          NODE_OU_ROLES.flatMap((role) => {
            const id = ouIdentifier(
              {
                client: ous.getClientOuIdentifier(),
                peer: ous.getPeerOuIdentifier(),
                admin: ous.getAdminOuIdentifier(),
                orderer: ous.getOrdererOuIdentifier(),
              }[role],
            );
            return id ? [[role, id] as const] : [];
          }),
        )
      : undefined;
    this.allowedOus = config.getOrganizationalUnitIdentifiersList().flatMap((id) => ouIdentifier(id) ?? []);
  }

  /** The chain from the certificate's issuer up to a root of this MSP; throws NOT_VALID_CERT or REVOKED. */
  private chainOf(cert: ParsedCertificate): CertificateAuthority[] {
    const chain: CertificateAuthority[] = [];
    let current = cert;
    for (let depth = 0; depth < MAX_CHAIN_DEPTH; depth++) {
      const subject = current;
      const issuer = this.authorities.find(
        (ca) => subject.x509.checkIssued(ca.cert.x509) && subject.x509.verify(ca.publicKey),
      );
      if (!issuer) break;
      if (issuer.revoked.has(subject.serialNumber)) {
        throw new IdentityError(
          'REVOKED',
          `certificate ${subject.subject} (serial ${subject.serialNumber}) is revoked by MSP ${this.mspId}`,
        );
      }
      chain.push(issuer);
      if (issuer.isRoot) return chain;
      current = issuer.cert;
    }
    throw new IdentityError(
      'NOT_VALID_CERT',
      `certificate ${cert.subject} is not issued by a CA of MSP ${this.mspId}`,
    );
  }

  private hasOu(cert: ParsedCertificate, chain: CertificateAuthority[], id: OuIdentifier): boolean {
    const certifier = id.certifier;
    return (
      cert.organizationalUnits.includes(id.ou) &&
      (!certifier || chain.some((ca) => ca.cert.der.equals(certifier)))
    );
  }

  private roleOf(cert: ParsedCertificate, chain: CertificateAuthority[]): NodeOuRole {
    const listedAdmin = this.admins.has(cert.id);
    if (!this.nodeOus) return listedAdmin ? 'admin' : 'client';
    const roles = [...this.nodeOus].filter(([, id]) => this.hasOu(cert, chain, id)).map(([role]) => role);
    const [role] = roles;
    if (role === undefined || roles.length > 1) {
      if (listedAdmin) return 'admin';
      throw new IdentityError(
        'NOT_VALID_CERT',
        `certificate ${cert.subject} must carry exactly one NodeOU of MSP ${this.mspId} (client, peer, admin or orderer); it has ${roles.length}`,
      );
    }
    return listedAdmin ? 'admin' : role;
  }

  /**
   * Validates a certificate for this MSP at time `now` (undefined = any time): chain, validity
   * period, revocation, OUs and NodeOU role.
   */
  validate(cert: ParsedCertificate, now: number | undefined): Validated {
    if (cert.x509.ca)
      throw new IdentityError(
        'NOT_VALID_CERT',
        `certificate ${cert.subject} is a CA certificate and cannot be an identity`,
      );
    if (now !== undefined && now > cert.notAfter)
      throw new IdentityError(
        'EXPIRED',
        `certificate ${cert.subject} expired at ${new Date(cert.notAfter).toISOString()}`,
      );
    if (now !== undefined && now < cert.notBefore) {
      throw new IdentityError(
        'NOT_VALID_CERT',
        `certificate ${cert.subject} is not valid before ${new Date(cert.notBefore).toISOString()}`,
      );
    }
    const chain = this.chainOf(cert);
    if (this.allowedOus.length > 0 && !this.allowedOus.some((id) => this.hasOu(cert, chain, id))) {
      throw new IdentityError(
        'NOT_VALID_CERT',
        `certificate ${cert.subject} has none of the organizational units MSP ${this.mspId} accepts`,
      );
    }
    const hash = createHash('sha256');
    for (const ca of chain) hash.update(ca.cert.der);
    return { role: this.roleOf(cert, chain), certifiersIdentifier: hash.digest('hex') };
  }
}
