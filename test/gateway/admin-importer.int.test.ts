// A sixth org joins the running alliance the way consortium operators do it: its material from
// add-org, a config update signed by a majority of admins through the library, its peer joining
// from block 0; then the alliance registers it as an IMPORTER member and its own user registers
// an imported lot on the alliance chaincode, endorsed by a majority that now counts six orgs,
// and ships it, which its key-level policy lets only the importer's own peer endorse. On real
// Fabric (ALLIANCE_RUNTIME=fabric) the org's peer is a `peer` process and the org installs and
// approves the chaincode in force before that peer can endorse.
import type { AllianceClient } from '@alliance/gateway';
import { applicationOrgs, fetchChannelConfig } from '@alliance/gateway/admin';
import type { AddedOrgPeer } from '../network/support/runtime';
import { addImporter, admitImporter } from './support/add-importer';
import { startBootstrappedAlliance, type BootstrappedAlliance } from './support/alliance';
import { GTIN_A, lotInput, purchaseOrder, when } from './support/supply';

jest.setTimeout(240_000);

describe('an importer joins the alliance and registers a lot', () => {
  let a: BootstrappedAlliance;
  let joining: AddedOrgPeer | undefined;
  const clients: AllianceClient[] = [];

  beforeAll(async () => {
    a = await startBootstrappedAlliance();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await joining?.stop();
    // beforeAll may have failed before the network existed.
    await (a as BootstrappedAlliance | undefined)?.stop();
  });

  it('is added by a majority of admins, joins, becomes a member and registers a lot', async () => {
    // Five member orgs: MAJORITY Admins needs three signatures (platform, brand, supplier).
    await addImporter(a, (peer) => (joining = peer));
    const platformAdmin = a.as('platform/Admin').connection;
    expect(applicationOrgs((await fetchChannelConfig(platformAdmin)).config).map((o) => o.mspId)).toContain(
      'ImporterMSP',
    );

    const importer = await admitImporter(a);
    clients.push(importer);
    const registered = await importer.lots.register(lotInput(GTIN_A, 'IMP-1'));
    expect(registered.result).toMatchObject({ id: `${GTIN_A}.IMP-1`, owner: 'ImporterMSP' });
    await a.settle();
    // The lot key carries its owner's key-level policy, so the importer's own peer endorsed the
    // write, beside a MAJORITY that now means four of six orgs; another org's peer serves it back.
    const read = await a.as('brand/User1').lots.get({ lotId: `${GTIN_A}.IMP-1` });
    expect(read.owner).toBe('ImporterMSP');
    const shipped = await importer.lots.ship({
      lotId: `${GTIN_A}.IMP-1`,
      to: 'BrandMSP',
      bizTransactionList: purchaseOrder('IMP-1'),
      ...when(),
    });
    expect(shipped.result.inTransitTo).toMatchObject({ mspId: 'BrandMSP' });
  });
});
