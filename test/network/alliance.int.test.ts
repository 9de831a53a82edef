// The embedded network against the project's chaincode, driven by the unmodified fabric-gateway
// client on the default five orgs (MAJORITY Endorsement = 3 of 5): the registry bootstrap, lot
// registration and queries, their chaincode events, and the owner's key-level policy on a lot.
import { join } from 'node:path';
import { EndorseError, type ChaincodeEvent, type Contract, type Network } from '@hyperledger/fabric-gateway';
import { peer } from '@alliance/network/protos';
import { startTestNetwork, testDefinition, text, type TestNetwork } from './harness/network';

jest.setTimeout(180_000);

const ALLIANCE_CHAINCODE_DIR = join(__dirname, '..', '..', 'chaincode');
const CHAINCODE = 'provenance';
const GTIN = '09506000134352';
const PLANT_GLN = '9506000130026';

/** The chaincode takes one JSON argument. */
const arg = (input: unknown): string => JSON.stringify(input);
const when = (): { eventTime: string; eventTimeZoneOffset: string } => ({
  eventTime: new Date(Date.now() - 1000).toISOString(),
  eventTimeZoneOffset: '+08:00',
});
const lotInput = (lot: string): string =>
  arg({
    gtin: GTIN,
    lot,
    supplierGln: '9506000130019',
    countryOfOrigin: 'IN',
    expiryDate: '2030-12-31',
    quantity: 250,
    uom: 'KGM',
    ...when(),
  });
const shipInput = (lotId: string): string =>
  arg({
    lotId,
    to: 'BrandMSP',
    bizTransactionList: [{ type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:${PLANT_GLN}:PO-1` }],
    ...when(),
  });

interface LotView {
  id: string;
  owner: string;
  state: string;
  inTransitTo?: { mspId: string };
}
interface EventPayload {
  txId: string;
  events: { id: string; type: string; subject: { kind: string; id: string } }[];
}

/** The messages of a refused call: the gateway's status and every endorser's detail. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const err: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof EndorseError)) throw new Error(`expected an endorsement refusal, got ${String(err)}`);
  return [err.message, ...err.details.map((d) => d.message)].join('\n');
}

/** The first chaincode event at or after `startBlock` whose transaction is `txId`. */
async function eventOf(network: Network, startBlock: bigint, txId: string): Promise<ChaincodeEvent> {
  const events = await network.getChaincodeEvents(CHAINCODE, { startBlock });
  try {
    for await (const event of events) if (event.transactionId === txId) return event;
  } finally {
    events.close();
  }
  throw new Error(`no chaincode event for ${txId}`);
}

describe('the embedded network with the alliance chaincode', () => {
  let net: TestNetwork;
  let supplierLots: Contract;
  let brandLots: Contract;
  let supplierNetwork: Network;

  beforeAll(async () => {
    net = await startTestNetwork(testDefinition({ orgs: 5, chaincode: CHAINCODE }), ALLIANCE_CHAINCODE_DIR);
    supplierNetwork = net.connect('supplier', 'User1').gateway.getNetwork(net.definition.channel);
    supplierLots = supplierNetwork.getContract(CHAINCODE, 'lots');
    brandLots = net
      .connect('brand', 'User1')
      .gateway.getNetwork(net.definition.channel)
      .getContract(CHAINCODE, 'lots');
  });
  afterAll(async () => {
    await net.stop();
  });

  it('bootstraps the registry once, as the platform admin, from the definition', async () => {
    const members = net
      .connect('platform', 'Admin')
      .gateway.getNetwork(net.definition.channel)
      .getContract(CHAINCODE, 'members');
    const founding = arg({
      members: net.definition.orgs.map((org) => ({ mspId: org.mspId, name: org.name, roles: org.roles })),
    });
    await members.submitTransaction('Bootstrap', founding);
    const listed = JSON.parse(text(await members.evaluateTransaction('ListMembers'))) as { mspId: string }[];
    expect(listed.map((m) => m.mspId).sort()).toEqual(net.definition.orgs.map((o) => o.mspId).sort());
    expect(await refusal(members.submitTransaction('Bootstrap', founding))).toMatch(/ALREADY_BOOTSTRAPPED/);
  });

  it('registers a lot as the supplier, reads it from another org and streams its event', async () => {
    const proposal = supplierLots.newProposal('RegisterLot', { arguments: [lotInput('INT-1')] });
    const transaction = await proposal.endorse();
    const commit = await transaction.submit();
    const status = await commit.getStatus();
    expect(status.code).toBe(peer.TxValidationCode.VALID);
    const registered = JSON.parse(text(transaction.getResult())) as LotView;
    expect(registered).toMatchObject({ id: `${GTIN}.INT-1`, owner: 'SupplierMSP', state: 'CREATED' });

    const read = JSON.parse(
      text(await brandLots.evaluateTransaction('GetLot', arg({ lotId: registered.id }))),
    ) as LotView;
    expect(read).toMatchObject({ id: registered.id, owner: 'SupplierMSP' });

    const event = await eventOf(supplierNetwork, status.blockNumber, transaction.getTransactionId());
    expect(event.eventName).toBe('alliance.events');
    expect(event.blockNumber).toBe(status.blockNumber);
    const payload = JSON.parse(text(event.payload)) as EventPayload;
    expect(payload.txId).toBe(transaction.getTransactionId());
    expect(payload.events.map((e) => [e.type, e.subject.id])).toContainEqual([
      'lot.registered',
      registered.id,
    ]);
  });

  it("refuses a lot write endorsed without its owner's org (key-level policy), then commits it with the owner", async () => {
    const lotId = `${GTIN}.INT-2`;
    await supplierLots.submitTransaction('RegisterLot', lotInput('INT-2'));

    // Three orgs satisfy MAJORITY Endorsement for the chaincode, but the lot key names SupplierMSP.
    const bypass = await supplierLots
      .newProposal('ShipLot', {
        arguments: [shipInput(lotId)],
        endorsingOrganizations: ['PlatformMSP', 'BrandMSP', 'LabMSP'],
      })
      .endorse();
    const refused = await (await bypass.submit()).getStatus();
    expect(refused.code).toBe(peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    const unchanged = JSON.parse(
      text(await supplierLots.evaluateTransaction('GetLot', arg({ lotId }))),
    ) as LotView;
    expect(unchanged.inTransitTo).toBeUndefined();

    // Planned by the gateway from the written keys' policies: the owner's peer endorses too.
    const planned = await supplierLots.newProposal('ShipLot', { arguments: [shipInput(lotId)] }).endorse();
    const committed = await (await planned.submit()).getStatus();
    expect(committed.code).toBe(peer.TxValidationCode.VALID);
    const shipped = JSON.parse(
      text(await brandLots.evaluateTransaction('GetLot', arg({ lotId }))),
    ) as LotView;
    expect(shipped.inTransitTo?.mspId).toBe('BrandMSP');
  });

  it('answers a chaincode refusal at endorsement with its coded message', async () => {
    const labLots = net
      .connect('lab', 'User1')
      .gateway.getNetwork(net.definition.channel)
      .getContract(CHAINCODE, 'lots');
    expect(await refusal(labLots.submitTransaction('RegisterLot', lotInput('INT-3')))).toMatch(/ROLE_DENIED/);
    const missing: unknown = await supplierLots
      .evaluateTransaction('GetLot', arg({ lotId: `${GTIN}.MISSING` }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Error);
    const details = (missing as { details?: { message: string }[] }).details ?? [];
    expect([(missing as Error).message, ...details.map((d) => d.message)].join('\n')).toMatch(/NOT_FOUND/);
  });
});
