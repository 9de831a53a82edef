import { dirname, join } from 'node:path';
import { OrgLayout } from '../crypto/layout';

/** An org Admin's files in the cryptogen layout, found from its signing certificate. */
export interface AdminFiles {
  /** `users/Admin@<domain>/msp`: what the peer CLI signs with. */
  readonly mspDir: string;
  /** `users/Admin@<domain>/tls/client.{crt,key}`: mutual TLS (osnadmin, discovery). */
  readonly tlsCertFile: string;
  readonly tlsKeyFile: string;
}

/** The MSP folder and TLS client pair of the user whose signcert is `certFile` (`<user>/msp/signcerts/<cn>-cert.pem`). */
export function adminFiles(certFile: string): AdminFiles {
  const mspDir = dirname(dirname(certFile));
  const tls = OrgLayout.tlsFiles(join(dirname(mspDir), 'tls'), 'client');
  return { mspDir, tlsCertFile: tls.certFile, tlsKeyFile: tls.keyFile };
}
