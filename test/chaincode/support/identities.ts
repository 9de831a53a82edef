/**
 * Real X.509 identities for contract tests: one self-signed ECDSA P-256 CA per MSP, and user
 * certificates carrying the Fabric CA attribute extension (OID 1.2.3.4.5.6.7.8.1, JSON
 * `{"attrs":{"alliance.role":...}}`), so fabric-shim's own ClientIdentity parses them exactly
 * as on a peer.
 */
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** The Fabric CA attribute extension OID. */
export const FABRIC_ATTRIBUTE_OID = '1.2.3.4.5.6.7.8.1';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const NOT_AFTER = new Date('2045-01-01T00:00:00Z');

/** A signing identity as the peer sees it in the proposal. */
export interface TestIdentity {
  mspId: string;
  /** Certificate common name (the printed name). */
  name: string;
  /** The `alliance.role` attribute, if any. */
  /** Any string: tests also use values that name no alliance role. */
  role: string | undefined;
  /** PEM certificate (the SerializedIdentity's id_bytes). */
  certPem: string;
}

interface Authority {
  keys: CryptoKeyPair;
  cert: x509.X509Certificate;
}

let serial = 1;

function nextSerial(): string {
  serial += 1;
  return serial.toString(16).padStart(8, '0');
}

async function newKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
}

/** Issues and caches identities per (MSP, name, role). */
export class IdentityFactory {
  readonly #authorities = new Map<string, Promise<Authority>>();
  readonly #identities = new Map<string, Promise<TestIdentity>>();

  /**
   * A user of `mspId` with certificate role `role` (omit for a certificate without the
   * attribute). The name defaults to `<role>@<mspId>`.
   */
  user(mspId: string, role?: string, name = `${role ?? 'user'}@${mspId}`): Promise<TestIdentity> {
    const cacheKey = JSON.stringify([mspId, name, role ?? null]);
    let identity = this.#identities.get(cacheKey);
    if (identity === undefined) {
      identity = this.#issue(mspId, name, role);
      this.#identities.set(cacheKey, identity);
    }
    return identity;
  }

  #authority(mspId: string): Promise<Authority> {
    let authority = this.#authorities.get(mspId);
    if (authority === undefined) {
      authority = (async () => {
        const keys = await newKeys();
        const cert = await x509.X509CertificateGenerator.createSelfSigned({
          serialNumber: nextSerial(),
          name: `CN=ca.${mspId.toLowerCase()},O=${mspId}`,
          notBefore: NOT_BEFORE,
          notAfter: NOT_AFTER,
          keys,
          signingAlgorithm: ALGORITHM,
          extensions: [
            new x509.BasicConstraintsExtension(true, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          ],
        });
        return { keys, cert };
      })();
      this.#authorities.set(mspId, authority);
    }
    return authority;
  }

  async #issue(mspId: string, name: string, role: string | undefined): Promise<TestIdentity> {
    const ca = await this.#authority(mspId);
    const keys = await newKeys();
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    ];
    if (role !== undefined) {
      const attrs = JSON.stringify({ attrs: { 'alliance.role': role } });
      extensions.push(new x509.Extension(FABRIC_ATTRIBUTE_OID, false, Buffer.from(attrs, 'utf8')));
    }
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: nextSerial(),
      subject: `CN=${name},OU=client,O=${mspId}`,
      issuer: ca.cert.subject,
      notBefore: NOT_BEFORE,
      notAfter: NOT_AFTER,
      publicKey: keys.publicKey,
      signingKey: ca.keys.privateKey,
      signingAlgorithm: ALGORITHM,
      extensions,
    });
    return { mspId, name, role, certPem: cert.toString('pem') };
  }
}
