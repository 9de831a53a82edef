import { join } from 'node:path';
import { stringify } from 'yaml';
import type { CryptoMaterial } from '../crypto';
import type { NetworkDefinition } from '../definition';
import type { FabricPorts } from './ports';

/**
 * orderer.yaml of the single etcdraft orderer: no system channel (BootstrapMethod none), the
 * channel participation API on an admin listener with mutual TLS (osnadmin joins the channel
 * there), TLS on the client listener, whose certificate also serves the Raft cluster.
 */
export function ordererYaml(
  def: NetworkDefinition,
  crypto: CryptoMaterial,
  ports: FabricPorts,
  dataDir: string,
): string {
  const node = crypto.orderer.node;
  const tls = node.tls;
  return stringify({
    General: {
      ListenAddress: '127.0.0.1',
      ListenPort: ports.orderer.listen,
      TLS: {
        Enabled: true,
        PrivateKey: tls.keyFile,
        Certificate: tls.certFile,
        RootCAs: [tls.caFile],
        ClientAuthRequired: false,
      },
      Keepalive: { ServerMinInterval: '60s', ServerInterval: '7200s', ServerTimeout: '20s' },
      MaxRecvMsgSize: 104857600,
      MaxSendMsgSize: 104857600,
      Cluster: { SendBufferSize: 100, ClientCertificate: tls.certFile, ClientPrivateKey: tls.keyFile },
      BootstrapMethod: 'none',
      LocalMSPDir: node.mspDir,
      LocalMSPID: def.orderer.mspId,
      BCCSP: { Default: 'SW', SW: { Hash: 'SHA2', Security: 256 } },
      Authentication: { TimeWindow: `${def.proposalTimeWindowMinutes || 15}m` },
    },
    FileLedger: { Location: dataDir },
    Operations: { ListenAddress: `127.0.0.1:${ports.orderer.operations}`, TLS: { Enabled: false } },
    Metrics: { Provider: 'disabled' },
    Admin: {
      ListenAddress: `127.0.0.1:${ports.orderer.admin}`,
      TLS: {
        Enabled: true,
        Certificate: tls.certFile,
        PrivateKey: tls.keyFile,
        ClientAuthRequired: true,
        ClientRootCAs: [tls.caFile],
      },
    },
    ChannelParticipation: { Enabled: true, MaxRequestBodySize: '1 MB' },
    Consensus: { WALDir: join(dataDir, 'etcdraft', 'wal'), SnapDir: join(dataDir, 'etcdraft', 'snapshot') },
  });
}
