/** An identity's certificate and key files, with the user roles it carries. */
export interface ProfileIdentity {
  readonly certFile: string;
  readonly keyFile: string;
  readonly roles: string[];
}

/** A node endpoint as a client dials it. */
export interface ProfileEndpoint {
  /** host:port (loopback IP for the embedded runtime). */
  readonly endpoint: string;
  /** Absolute path of the PEM of the TLS CA that issued the node's server certificate. */
  readonly tlsCaFile: string;
  /** A host name in the node's certificate (grpc.ssl_target_name_override). */
  readonly tlsHostName: string;
}

/** One member org in the profile. */
export interface ProfileOrg {
  readonly mspId: string;
  readonly roles: string[];
  readonly peer: ProfileEndpoint;
  readonly identities: Record<string, ProfileIdentity>;
}

/** The connection profile `.alliance/network.json`: everything a client needs, and nothing runtime-specific. */
export interface ConnectionProfile {
  readonly runtime: 'embedded' | 'fabric';
  readonly channel: string;
  readonly chaincode: string;
  readonly orderer: ProfileEndpoint & { readonly mspId: string };
  readonly orgs: Record<string, ProfileOrg>;
}
