import 'reflect-metadata';
import { createPrivateKey, sign, webcrypto, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { msp } from '@alliance/network/protos';

x509.cryptoProvider.set(webcrypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const P256_N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

/** An X.509 identity of a test organisation, with its signing key. */
export interface TestIdentity {
  mspId: string;
  certPem: string;
  caCertPem: string;
  privateKey: KeyObject;
  /** msp.SerializedIdentity bytes. */
  serialized: Uint8Array;
  /** DER, low-S ECDSA-SHA256 signature, as Fabric clients produce. */
  sign(data: Uint8Array): Uint8Array;
}

/** Issues a CA and one certificate under it (OU = NodeOU role), ECDSA P-256. */
export async function createTestIdentity(
  mspId: string,
  commonName: string,
  ou = 'client',
): Promise<TestIdentity> {
  const org = mspId.replace(/MSP$/, '');
  const caKeys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const now = Date.now();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=ca.${org.toLowerCase()},O=${org}`,
    notBefore: new Date(now - 3_600_000),
    notAfter: new Date(now + 86_400_000),
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: `CN=${commonName},OU=${ou},O=${org}`,
    issuer: ca.subject,
    notBefore: new Date(now - 3_600_000),
    notAfter: new Date(now + 86_400_000),
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALGORITHM,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const certPem = cert.toString('pem');
  const serialized = new msp.SerializedIdentity();
  serialized.setMspid(mspId);
  serialized.setIdBytes(Buffer.from(certPem));
  return {
    mspId,
    certPem,
    caCertPem: ca.toString('pem'),
    privateKey,
    serialized: serialized.serializeBinary(),
    sign: (data) => lowS(sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
  };
}

/** Encodes an IEEE P1363 (r||s) signature as DER with S in the lower half of the order. */
function lowS(p1363: Uint8Array): Uint8Array {
  const r = BigInt(`0x${Buffer.from(p1363.subarray(0, 32)).toString('hex')}`);
  let s = BigInt(`0x${Buffer.from(p1363.subarray(32)).toString('hex')}`);
  if (s > P256_N >> 1n) s = P256_N - s;
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.of(0x30, body.length), body]);
}

function derInteger(value: bigint): Buffer {
  let bytes = Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
  while (bytes.length > 1 && bytes[0] === 0 && (bytes[1] ?? 0) < 0x80) bytes = bytes.subarray(1);
  if ((bytes[0] ?? 0) >= 0x80) bytes = Buffer.concat([Buffer.of(0), bytes]);
  return Buffer.concat([Buffer.of(0x02, bytes.length), bytes]);
}
