import type { KeyObject } from 'node:crypto';
import type { msp } from '@hyperledger/fabric-protos';

/** The NodeOU role of an identity, read from the OU of its certificate. */
export type NodeOuRole = 'client' | 'peer' | 'admin' | 'orderer';

/** A deserialized, validated creator or endorser. */
export interface Identity {
  readonly mspId: string;
  readonly certPem: string;
  /** The msp.SerializedIdentity bytes it was read from. */
  readonly serialized: Uint8Array;
  readonly role: NodeOuRole;
  /** Fabric CA attributes (e.g. `alliance.role`, `hf.EnrollmentID`). */
  readonly attributes: Readonly<Record<string, string>>;
  /** The certificate subject, e.g. `C=US, ST=California, O=lab.alliance.test, OU=client, CN=User1`. */
  readonly subject: string;
  readonly publicKey: KeyObject;
  /** Hex SHA-256 of the certificate DER: Fabric's identity id, used to spot duplicate signers. */
  readonly id: string;
  /** The organizational units of the certificate subject. */
  readonly organizationalUnits: readonly string[];
  /** When the certificate expires (ms since the epoch). */
  readonly notAfter: number;
}

/** The MSPs of one channel: deserializes, validates and verifies identities. */
export interface ChannelMsps {
  /** Throws IdentityError (code: UNKNOWN_MSP | NOT_VALID_CERT | REVOKED | EXPIRED | MALFORMED); cached by bytes. */
  deserialize(serializedIdentity: Uint8Array): Identity;
  /** ECDSA P-256 over SHA-256 of data, DER signature; false for high-S, as Fabric. */
  verify(identity: Identity, data: Uint8Array, signature: Uint8Array): boolean;
  /**
   * The same check as {@link ChannelMsps.verify}, run in the thread pool so that many checks
   * proceed beside the event loop and on other cores; a signature found valid is remembered, so
   * a later verify() of the same bytes (a policy check) is answered without a second ECDSA check.
   */
  verifyInBackground(identity: Identity, data: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /** MSPPrincipal (ROLE member/admin/client/peer/orderer, IDENTITY, ORGANIZATION_UNIT) match. */
  satisfiesPrincipal(identity: Identity, principal: msp.MSPPrincipal): boolean;
  mspIds(): string[];
}

/** Signs as one identity. */
export interface Signer {
  readonly mspId: string;
  /** msp.SerializedIdentity bytes. */
  readonly serialized: Uint8Array;
  /** ECDSA over SHA-256 of `data`; DER, low-S normalised. */
  sign(data: Uint8Array): Uint8Array;
}
