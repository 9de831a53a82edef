import { msp } from '@hyperledger/fabric-protos';
import type { OrgCrypto } from '../crypto/types';

function ouIdentifier(caCert: Uint8Array, ou: string): msp.FabricOUIdentifier {
  const id = new msp.FabricOUIdentifier();
  id.setCertificate(caCert);
  id.setOrganizationalUnitIdentifier(ou);
  return id;
}

/**
 * The FabricMSPConfig configtxgen reads from an org's MSP folder: the CA and TLS CA as roots,
 * NodeOUs enabled with each role certified by the CA, SHA-256 identity hashing.
 */
export function fabricMspConfig(org: OrgCrypto): msp.FabricMSPConfig {
  const caCert = Buffer.from(org.caCertPem, 'utf8');
  const config = new msp.FabricMSPConfig();
  config.setName(org.mspId);
  config.setRootCertsList([caCert]);
  config.setTlsRootCertsList([Buffer.from(org.tlsCaCertPem, 'utf8')]);
  const crypto = new msp.FabricCryptoConfig();
  crypto.setSignatureHashFamily('SHA2');
  crypto.setIdentityIdentifierHashFunction('SHA256');
  config.setCryptoConfig(crypto);
  const nodeOus = new msp.FabricNodeOUs();
  nodeOus.setEnable(true);
  nodeOus.setClientOuIdentifier(ouIdentifier(caCert, 'client'));
  nodeOus.setPeerOuIdentifier(ouIdentifier(caCert, 'peer'));
  nodeOus.setAdminOuIdentifier(ouIdentifier(caCert, 'admin'));
  nodeOus.setOrdererOuIdentifier(ouIdentifier(caCert, 'orderer'));
  config.setFabricNodeOus(nodeOus);
  return config;
}
