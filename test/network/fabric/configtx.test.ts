import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateCryptoMaterial, type CryptoMaterial } from '@alliance/network/crypto';
import { configtxYaml, ordererYaml, peerCoreYaml } from '@alliance/network/fabric';
import { testDefinition } from '../harness/definition';

/** The value at a dotted path of a parsed YAML document (array items by index). */
const at = (doc: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], doc);

describe('Fabric configuration generated from the network definition', () => {
  const def = testDefinition({ orgs: 2, batch: { timeoutMs: 300, maxMessageCount: 42 } });
  const ports = {
    orderer: { listen: 7050, admin: 7053, operations: 9443 },
    peers: {
      platform: { listen: 7051, chaincode: 7052, operations: 9444 },
      brand: { listen: 8051, chaincode: 8052, operations: 9445 },
    },
  };
  const dir = mkdtempSync(join(tmpdir(), 'alliance-cfg-'));
  let crypto: CryptoMaterial;
  beforeAll(async () => {
    crypto = await generateCryptoMaterial(def, dir);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('configtx.yaml: member orgs with NodeOU policies and anchor peers, MAJORITY endorsement, etcdraft, batch', () => {
    const profile = at(parse(configtxYaml(def, crypto, ports)), 'Profiles.AllianceChannel');
    const get = (path: string): unknown => at(profile, path);
    expect([get('Application.Organizations.0.ID'), get('Application.Organizations.1.ID')]).toEqual([
      'PlatformMSP',
      'BrandMSP',
    ]);
    expect(get('Application.Organizations.1.Policies.Endorsement.Rule')).toBe("OR('BrandMSP.peer')");
    expect(get('Application.Organizations.1.AnchorPeers')).toEqual([{ Host: '127.0.0.1', Port: 8051 }]);
    expect(get('Application.Policies.Endorsement')).toEqual({
      Type: 'ImplicitMeta',
      Rule: 'MAJORITY Endorsement',
    });
    expect(get('Application.Policies.LifecycleEndorsement.Rule')).toBe('MAJORITY Endorsement');
    expect(get('Application.Capabilities')).toEqual({ V2_0: true });
    expect(get('Orderer.OrdererType')).toBe('etcdraft');
    expect(get('Orderer.EtcdRaft.Consenters')).toEqual([
      expect.objectContaining({
        Host: '127.0.0.1',
        Port: 7050,
        ServerTLSCert: crypto.orderer.node.tls.certFile,
      }),
    ]);
    expect(get('Orderer.BatchTimeout')).toBe('300ms');
    expect(get('Orderer.BatchSize.MaxMessageCount')).toBe(42);
    expect(get('Orderer.Organizations.0.OrdererEndpoints')).toEqual(['127.0.0.1:7050']);
  });

  it('core.yaml: no Docker, the external builder, LevelDB, gateway, TLS, loopback listeners, gossip endpoints', () => {
    const core: unknown = parse(
      peerCoreYaml({
        def,
        org: crypto.orgs.brand!,
        ports: ports.peers.brand,
        dataDir: '/data',
        builderDir: '/builder',
      }),
    );
    expect(at(core, 'vm.endpoint')).toBe('');
    expect(at(core, 'chaincode.externalBuilders')).toEqual([{ name: 'alliance-ccaas', path: '/builder' }]);
    expect(at(core, 'ledger.state.stateDatabase')).toBe('goleveldb');
    expect(at(core, 'peer.gateway.enabled')).toBe(true);
    expect(at(core, 'peer.tls.enabled')).toBe(true);
    expect(at(core, 'peer.listenAddress')).toBe('127.0.0.1:8051');
    expect(at(core, 'peer.chaincodeListenAddress')).toBe('127.0.0.1:8052');
    expect(at(core, 'peer.gossip.externalEndpoint')).toBe('127.0.0.1:8051');
    expect(at(core, 'peer.gossip.bootstrap')).toBe('127.0.0.1:8051');
    expect(at(core, 'operations.listenAddress')).toBe('127.0.0.1:9445');
    expect(at(core, 'peer.localMspId')).toBe('BrandMSP');
  });

  it('orderer.yaml: no system channel, channel participation, admin endpoint with mutual TLS', () => {
    const orderer: unknown = parse(ordererYaml(def, crypto, ports, '/data'));
    expect(at(orderer, 'General.BootstrapMethod')).toBe('none');
    expect(at(orderer, 'ChannelParticipation.Enabled')).toBe(true);
    expect(at(orderer, 'Admin.ListenAddress')).toBe('127.0.0.1:7053');
    expect(at(orderer, 'Admin.TLS')).toMatchObject({ Enabled: true, ClientAuthRequired: true });
    expect(at(orderer, 'General.TLS.Enabled')).toBe(true);
  });
});
