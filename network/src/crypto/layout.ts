import { join } from 'node:path';

/** Which kind of org: its folder under `organizations/` and its node folder. */
export type OrgKind = 'peer' | 'orderer';

/** Paths of one org in the cryptogen layout (`organizations/<kind>Organizations/<domain>/...`). */
export class OrgLayout {
  constructor(
    readonly dir: string,
    readonly kind: OrgKind,
    readonly domain: string,
  ) {}

  /** The layout of an org under a crypto root. */
  static under(root: string, kind: OrgKind, domain: string): OrgLayout {
    return new OrgLayout(join(root, 'organizations', `${kind}Organizations`, domain), kind, domain);
  }

  /** `ca/` or `tlsca/`: a CA certificate and its `priv_sk`. */
  authority(which: 'ca' | 'tlsca'): { dir: string; certFile: string; keyFile: string } {
    const dir = join(this.dir, which);
    return { dir, certFile: join(dir, `${which}.${this.domain}-cert.pem`), keyFile: join(dir, 'priv_sk') };
  }

  /** The org's verifying MSP folder. */
  get mspDir(): string {
    return join(this.dir, 'msp');
  }

  /** `peers/<host>` or `orderers/<host>`. */
  nodeDir(host: string): string {
    return join(this.dir, `${this.kind}s`, host);
  }

  /** `users/<User>@<domain>`. */
  userDir(user: string): string {
    return join(this.dir, 'users', `${user}@${this.domain}`);
  }

  /** The signcert / keystore pair inside an MSP folder, named as cryptogen names them. */
  static signingFiles(mspDir: string, commonName: string): { certFile: string; keyFile: string } {
    return {
      certFile: join(mspDir, 'signcerts', `${commonName}-cert.pem`),
      keyFile: join(mspDir, 'keystore', 'priv_sk'),
    };
  }

  /** The TLS files of a node (`server.*`) or a user (`client.*`). */
  static tlsFiles(
    tlsDir: string,
    side: 'server' | 'client',
  ): { certFile: string; keyFile: string; caFile: string } {
    return {
      certFile: join(tlsDir, `${side}.crt`),
      keyFile: join(tlsDir, `${side}.key`),
      caFile: join(tlsDir, 'ca.crt'),
    };
  }
}

/** NodeOUs `config.yaml` of an MSP folder: roles by OU, each certified by the org CA in `cacerts/`. */
export function nodeOusConfig(caCertFileName: string): string {
  const identifier = (ou: string): string =>
    `    Certificate: cacerts/${caCertFileName}\n    OrganizationalUnitIdentifier: ${ou}\n`;
  return [
    'NodeOUs:',
    '  Enable: true',
    `  ClientOUIdentifier:\n${identifier('client')}`,
    `  PeerOUIdentifier:\n${identifier('peer')}`,
    `  AdminOUIdentifier:\n${identifier('admin')}`,
    `  OrdererOUIdentifier:\n${identifier('orderer')}`,
  ]
    .join('\n')
    .replace(/\n\n/g, '\n');
}
