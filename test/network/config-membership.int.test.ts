import { EndorseError, type Contract } from '@hyperledger/fabric-gateway';
import { readFileSync } from 'node:fs';
import { loadCryptoMaterial } from '@alliance/network/crypto';
import { createSigner } from '@alliance/network/identity';
import { fetchBlock } from '@alliance/network/peer';
import { common, peer } from '@alliance/network/protos';
import { startTestNetwork, testDefinition, text, type TestNetwork } from './harness/network';
import {
  applicationOf,
  computeConfigUpdate,
  configUpdateTransaction,
  editConfig,
  signConfigUpdate,
} from './support/config-update';
import {
  applicationOrgNames,
  broadcastTo,
  configThrough,
  eventually,
  profileSigner,
} from './support/config-network';
import { addRevocationList, revocationList } from './support/crl';

jest.setTimeout(180_000);

const Code = peer.TxValidationCode;

describe('revoking an identity and removing an org through config updates', () => {
  let net: TestNetwork;
  let channel: string;

  const contract = (org: string, user = 'User1'): Contract =>
    net.connect(org, user).gateway.getNetwork(channel).getContract('testcc');

  /** Signs and broadcasts the update from the current config to `edit(config)`. */
  const update = async (
    signerOrgs: string[],
    edit: (root: common.ConfigGroup) => void,
  ): Promise<{ response: number; info: string; sequence: number }> => {
    const { config } = await configThrough(net.connect('platform'), channel);
    const bytes = computeConfigUpdate(channel, config, editConfig(config, edit)).serializeBinary();
    const signers = signerOrgs.map((org) => profileSigner(net.profile, org));
    const response = await broadcastTo(
      net.profile,
      configUpdateTransaction(channel, signConfigUpdate(bytes, signers), signers[0]!),
    );
    return { response: response.getStatus(), info: response.getInfo(), sequence: config.getSequence() + 1 };
  };

  const appliedEverywhere = async (orgs: string[], sequence: number): Promise<void> => {
    for (const org of orgs) {
      await eventually(
        async () =>
          (await configThrough(net.connect(org, 'Admin'), channel)).config.getSequence() === sequence,
      );
    }
  };

  beforeAll(async () => {
    net = await startTestNetwork(testDefinition({ orgs: 3 }));
    channel = net.definition.channel;
  });
  afterAll(async () => {
    await net.stop();
  });

  it("refuses a revoked user from the next block on, while the org's other users keep working", async () => {
    const crypto = await loadCryptoMaterial(net.definition, net.stateDir);
    const brand = crypto.orgs.brand!;
    // Endorsed while still valid, submitted after the revocation.
    const early = await contract('brand')
      .newProposal('put', { arguments: ['rev-early', 'x'] })
      .endorse();
    const crl = await revocationList(brand.caCertPem, brand.caKeyPem, [brand.users.User1!.certPem]);
    const revoke = (root: common.ConfigGroup): void => {
      addRevocationList(applicationOf(root).getGroupsMap().get('brand')!, crl);
    };

    // The MSP value's mod_policy is the brand group's Admins: another org's admin cannot change it.
    const refused = await update(['platform'], revoke);
    expect(refused.response).toBe(common.Status.BAD_REQUEST);
    expect(refused.info).toMatch(
      /policy for \[Value\] {2}\/Channel\/Application\/brand\/MSP not satisfied: signature set did not satisfy policy$/,
    );

    const applied = await update(['brand'], revoke);
    expect(applied.response).toBe(common.Status.SUCCESS);
    await appliedEverywhere(['platform', 'brand', 'supplier'], applied.sequence);

    await expect(contract('brand').submitTransaction('put', 'rev-late', 'x')).rejects.toThrow(EndorseError);
    // The orderer refuses its envelope too: the revoked creator no longer satisfies /Channel/Writers.
    await expect(early.submit()).rejects.toMatchObject({ name: 'SubmitError' });
    await contract('brand', 'Admin').submitTransaction('put', 'rev-admin', 'still here');
    expect(text(await contract('platform').evaluateTransaction('get', 'rev-admin'))).toBe('still here');
    expect(text(await contract('platform').evaluateTransaction('get', 'rev-early'))).toBe('');
  });

  it("invalidates a removed org's endorsement, even on a key whose key-level policy names only that org", async () => {
    const platform = contract('platform');
    await platform.submitTransaction('put', 'sbe', 'v0');
    await platform.submitTransaction('setPolicy', 'sbe', JSON.stringify(['SupplierMSP']));
    const bySupplier = (value: string) =>
      platform.newProposal('put', { arguments: ['sbe', value], endorsingOrganizations: ['SupplierMSP'] });
    // While the supplier is a member, its endorsement alone satisfies the key's policy.
    expect((await (await (await bySupplier('v1').endorse()).submit()).getStatus()).code).toBe(Code.VALID);
    const late = await bySupplier('v-late').endorse();

    const removed = await update(['platform', 'brand'], (root) => {
      applicationOf(root).getGroupsMap().del('supplier');
    });
    expect(removed.response).toBe(common.Status.SUCCESS);
    await appliedEverywhere(['platform', 'brand'], removed.sequence);

    const status = await (await late.submit()).getStatus();
    expect(status.code).toBe(Code.ENDORSEMENT_POLICY_FAILURE);
    expect(text(await platform.evaluateTransaction('get', 'sbe'))).toBe('v1');
    const { config } = await configThrough(net.connect('brand', 'Admin'), channel);
    expect(applicationOrgNames(config)).toEqual(['brand', 'platform']);
    // The orderer no longer delivers blocks to the removed org.
    const supplier = (await loadCryptoMaterial(net.definition, net.stateDir)).orgs.supplier!;
    const supplierPeer = createSigner(
      supplier.mspId,
      supplier.node.identity.certPem,
      supplier.node.identity.keyPem,
    );
    const orderer = {
      address: net.profile.orderer.endpoint,
      tlsCaPem: readFileSync(net.profile.orderer.tlsCaFile, 'utf8'),
      tlsHostName: net.profile.orderer.tlsHostName,
    };
    await expect(fetchBlock(orderer, channel, supplierPeer, 0)).rejects.toMatchObject({
      status: common.Status.FORBIDDEN,
    });
    // The removed org's peer is no longer asked to endorse; the two remaining orgs carry on.
    await expect(bySupplier('v2').endorse()).rejects.toThrow(EndorseError);
    expect(
      (await (await platform.submitAsync('put', { arguments: ['after-removal', 'ok'] })).getStatus()).code,
    ).toBe(Code.VALID);
  });
});
