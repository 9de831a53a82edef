import { join } from 'node:path';
import { stringify } from 'yaml';
import type { OrgCrypto } from '../crypto';
import type { NetworkDefinition } from '../definition';
import type { PeerPorts } from './ports';

/** What one peer's core.yaml is made from. */
export interface PeerConfigInput {
  readonly def: NetworkDefinition;
  readonly org: OrgCrypto;
  readonly ports: PeerPorts;
  /** The peer's ledger folder. */
  readonly dataDir: string;
  /** The folder holding the external builder's bin/ (detect, build, release). */
  readonly builderDir: string;
}

/**
 * core.yaml of one peer: no Docker (`vm.endpoint` empty, so chaincode runs only through the
 * external builder, as a service), LevelDB, the Gateway service on, TLS on every listener,
 * everything on 127.0.0.1, gossip bootstrapping from itself with its loopback endpoint as the
 * external one (other orgs find it through the anchor peers in the channel config), and an
 * operations listener for health checks. Values the peer reads without a default are all set.
 */
export function peerCoreYaml(input: PeerConfigInput): string {
  const { def, org, ports } = input;
  const address = `127.0.0.1:${ports.listen}`;
  const tls = org.node.tls;
  return stringify({
    peer: {
      id: org.node.host,
      networkId: def.channel,
      listenAddress: address,
      address,
      addressAutoDetect: false,
      chaincodeListenAddress: `127.0.0.1:${ports.chaincode}`,
      chaincodeAddress: `127.0.0.1:${ports.chaincode}`,
      gateway: { enabled: true, endorsementTimeout: '30s', broadcastTimeout: '30s', dialTimeout: '2m' },
      keepalive: {
        interval: '7200s',
        timeout: '20s',
        minInterval: '60s',
        client: { interval: '60s', timeout: '20s' },
        deliveryClient: { interval: '60s', timeout: '20s' },
      },
      gossip: {
        bootstrap: address,
        externalEndpoint: address,
        endpoint: '',
        useLeaderElection: false,
        orgLeader: true,
        // Faster than the defaults (4 s), so discovery learns the installed chaincodes sooner.
        publishStateInfoInterval: '1s',
        requestStateInfoInterval: '1s',
        aliveTimeInterval: '2s',
        pvtData: { implicitCollectionDisseminationPolicy: { requiredPeerCount: 0, maxPeerCount: 1 } },
        state: { enabled: false },
      },
      tls: {
        enabled: true,
        clientAuthRequired: false,
        cert: { file: tls.certFile },
        key: { file: tls.keyFile },
        rootcert: { file: tls.caFile },
        clientRootCAs: { files: [tls.caFile] },
      },
      authentication: { timewindow: `${def.proposalTimeWindowMinutes || 15}m` },
      fileSystemPath: input.dataDir,
      BCCSP: { Default: 'SW', SW: { Hash: 'SHA2', Security: 256 } },
      mspConfigPath: org.node.mspDir,
      localMspId: org.mspId,
      localMspType: 'bccsp',
      client: { connTimeout: '3s' },
      deliveryclient: {
        blockGossipEnabled: false,
        reconnectTotalTimeThreshold: '3600s',
        connTimeout: '3s',
        reConnectBackoffThreshold: '3600s',
      },
      profile: { enabled: false },
      handlers: {
        authFilters: [{ name: 'DefaultAuth' }, { name: 'ExpirationCheck' }],
        decorators: [{ name: 'DefaultDecorator' }],
        endorsers: { escc: { name: 'DefaultEndorsement' } },
        validators: { vscc: { name: 'DefaultValidation' } },
      },
      discovery: {
        enabled: true,
        authCacheEnabled: true,
        authCacheMaxSize: 1000,
        authCachePurgeRetentionRatio: 0.75,
        orgMembersAllowedAccess: false,
      },
      limits: { concurrency: { endorserService: 2500, deliverService: 2500, gatewayService: 500 } },
      maxRecvMsgSize: 104857600,
      maxSendMsgSize: 104857600,
    },
    vm: { endpoint: '' },
    chaincode: {
      externalBuilders: [{ name: 'alliance-ccaas', path: input.builderDir }],
      installTimeout: '300s',
      startuptimeout: '300s',
      executetimeout: '30s',
      mode: 'net',
      keepalive: 0,
      system: { _lifecycle: 'enable', cscc: 'enable', lscc: 'enable', qscc: 'enable' },
      logging: { level: 'info', shim: 'warning' },
    },
    ledger: {
      state: { stateDatabase: 'goleveldb', totalQueryLimit: 100000 },
      history: { enableHistoryDatabase: true },
      snapshots: { rootDir: join(input.dataDir, 'snapshots') },
    },
    operations: { listenAddress: `127.0.0.1:${ports.operations}`, tls: { enabled: false } },
    metrics: { provider: 'disabled' },
  });
}
