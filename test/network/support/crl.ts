import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { common, msp } from '@alliance/network/protos';

x509.cryptoProvider.set(webcrypto);

/** A PEM CRL, signed by the CA (`caCertPem`, `caKeyPem` PKCS#8), revoking the given certificates. */
export async function revocationList(
  caCertPem: string,
  caKeyPem: string,
  revokedPems: string[],
): Promise<string> {
  const ca = new x509.X509Certificate(caCertPem);
  const der = Buffer.from(caKeyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const signingKey = await webcrypto.subtle.importKey(
    'pkcs8',
    der,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  const now = new Date();
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.subject,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + 24 * 3_600_000),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    signingKey,
    entries: revokedPems.map((pem) => ({
      serialNumber: new x509.X509Certificate(pem).serialNumber,
      revocationDate: now,
    })),
  });
  return crl.toString('pem');
}

/** Adds a CRL to the FabricMSPConfig held in an org group's MSP value. */
export function addRevocationList(orgGroup: common.ConfigGroup, crlPem: string): void {
  const value = orgGroup.getValuesMap().get('MSP');
  if (!value) throw new Error('the org group has no MSP value');
  const wrapper = msp.MSPConfig.deserializeBinary(value.getValue_asU8());
  const config = msp.FabricMSPConfig.deserializeBinary(wrapper.getConfig_asU8());
  config.addRevocationList(Buffer.from(crlPem, 'utf8'));
  wrapper.setConfig(config.serializeBinary());
  value.setValue(wrapper.serializeBinary());
}
