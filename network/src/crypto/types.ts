/** A certificate and its private key, as files in the cryptogen layout and as PEM text. */
export interface IdentityFiles {
  certFile: string;
  keyFile: string;
  certPem: string;
  /** PKCS#8 PEM. */
  keyPem: string;
}

/** TLS material of a node: its server certificate and key, and the org's TLS CA. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
  caFile: string;
  certPem: string;
  keyPem: string;
}

/** The crypto material of one org (member org or the ordering org). */
export interface OrgCrypto {
  name: string;
  mspId: string;
  domain: string;
  /** The org's verifying MSP folder (cacerts, tlscacerts, config.yaml). */
  mspDir: string;
  caCertPem: string;
  tlsCaCertPem: string;
  tlsCaFile: string;
  /** The org's peer (or the orderer, for the ordering org). */
  node: { host: string; mspDir: string; identity: IdentityFiles; tls: TlsFiles };
  /** 'Admin', 'User1', ... with their roles. */
  users: Record<string, IdentityFiles & { roles: string[] }>;
  /** The CA key, to issue more identities later. */
  caKeyPem: string;
}

/** All crypto material of a network, under `root`. */
export interface CryptoMaterial {
  root: string;
  orderer: OrgCrypto;
  /** By org name. */
  orgs: Record<string, OrgCrypto>;
}
