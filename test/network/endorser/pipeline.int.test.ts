import { connectChaincode, type ChaincodeStream } from '@alliance/network/chaincode';
import { createChaincodeDefinitionView } from '@alliance/network/lifecycle';
import { peer } from '@alliance/network/protos';
import { startTestChaincode, type ChaincodeServer } from '../support/chaincode-server';
import { createTestChannel, type TestChannel } from '../support/channel';
import { createPipeline, type Pipeline } from '../support/pipeline';
import { buildProposal } from '../support/proposals';

// Transactions endorsed here are validated and committed by the real committer over a real
// ledger: the rwsets, endorsements and lifecycle records must be what a Fabric peer accepts.
const CC = 'testcc';
const { VALID, MVCC_READ_CONFLICT, PHANTOM_READ_CONFLICT, ENDORSEMENT_POLICY_FAILURE } =
  peer.TxValidationCode;
let channel: TestChannel;
let server: ChaincodeServer;
let stream: ChaincodeStream;
let pipeline: Pipeline;

beforeAll(async () => {
  [channel, server] = await Promise.all([createTestChannel(), startTestChaincode()]);
  stream = await connectChaincode({ address: server.address, chaincodeId: server.chaincodeId });
  pipeline = await createPipeline(channel, { [CC]: stream });
}, 60_000);

afterAll(async () => {
  stream.close();
  await server.stop();
  await pipeline.close();
  channel.cleanup();
});

const client = () => channel.user('platform');
const invoke = (args: string[], chaincode = CC) =>
  buildProposal({ identity: client(), channelId: 'alliance', chaincode, args });

async function run(args: string[], orgs?: string[]): Promise<{ code: number; payload: string }> {
  const proposal = invoke(args);
  const responses = await pipeline.endorse(proposal, orgs);
  const code = await pipeline.commit(proposal, responses, client());
  return { code, payload: Buffer.from(responses[0]?.getResponse()?.getPayload_asU8() ?? []).toString() };
}

async function define(version: string, sequence: number, orgs?: string[]): Promise<number> {
  const args = new peer.lifecycle.CommitChaincodeDefinitionArgs();
  args.setName(CC);
  args.setVersion(version);
  args.setSequence(sequence);
  const proposal = buildProposal({
    identity: client(),
    channelId: 'alliance',
    chaincode: '_lifecycle',
    args: ['CommitChaincodeDefinition', args.serializeBinary()],
  });
  return pipeline.commit(proposal, await pipeline.endorse(proposal, orgs), client());
}

describe('endorse, order and commit with the real committer', () => {
  it('defines the chaincode through a _lifecycle transaction the committer accepts', async () => {
    // LifecycleEndorsement is MAJORITY Endorsement: one org of three is not enough.
    expect(await define('1.0', 1, ['platform'])).toBe(ENDORSEMENT_POLICY_FAILURE);
    expect(await define('1.0', 1)).toBe(VALID);
    expect(createChaincodeDefinitionView(pipeline.ledger.state).get(CC)).toMatchObject({
      version: '1.0',
      sequence: 1,
    });
  });

  it('commits writes that later reads, ranges and history see', async () => {
    expect((await run(['test:put', 'a1', 'x'])).code).toBe(VALID);
    expect((await run(['test:put', 'a3', 'y'])).code).toBe(VALID);
    expect((await run(['test:get', 'a1'])).payload).toBe('x');
    const history = JSON.parse((await run(['test:history', 'a1'])).payload) as {
      value: string;
      seconds: number;
    }[];
    expect(history).toHaveLength(1);
    expect(history[0]?.seconds).toBeGreaterThan(0);
  });

  it('invalidates a stale read (MVCC) and a phantom in a scanned range', async () => {
    const reader = invoke(['test:get', 'a1']);
    const readResponses = await pipeline.endorse(reader);
    const scanner = invoke(['test:range', 'a', 'b']);
    const scanResponses = await pipeline.endorse(scanner);
    expect((await run(['test:put', 'a1', 'changed'])).code).toBe(VALID);
    expect((await run(['test:put', 'a2', 'new'])).code).toBe(VALID);
    expect(await pipeline.commit(reader, readResponses, client())).toBe(MVCC_READ_CONFLICT);
    expect(await pipeline.commit(scanner, scanResponses, client())).toBe(PHANTOM_READ_CONFLICT);
  });

  it('enforces key-level policies written through setStateValidationParameter', async () => {
    expect((await run(['test:setPolicy', 'a3', '["PlatformMSP"]'])).code).toBe(VALID);
    expect((await run(['test:put', 'a3', 'by-others'], ['brand', 'supplier'])).code).toBe(
      ENDORSEMENT_POLICY_FAILURE,
    );
    expect((await run(['test:put', 'a3', 'by-owner'], ['platform'])).code).toBe(VALID);
  });

  it('invalidates transactions endorsed before a redefinition', async () => {
    const inFlight = invoke(['test:put', 'b1', 'z']);
    const responses = await pipeline.endorse(inFlight);
    expect(await define('1.1', 2)).toBe(VALID);
    expect(await pipeline.commit(inFlight, responses, client())).toBe(MVCC_READ_CONFLICT);
    const redone = invoke(['test:put', 'b1', 'z']);
    const fresh = await pipeline.endorse(redone);
    expect(
      peer.ChaincodeAction.deserializeBinary(
        peer.ProposalResponsePayload.deserializeBinary(
          fresh[0]?.getPayload_asU8() ?? new Uint8Array(),
        ).getExtension_asU8(),
      )
        .getChaincodeId()
        ?.getVersion(),
    ).toBe('1.1');
    expect(await pipeline.commit(redone, fresh, client())).toBe(VALID);
  });
});
