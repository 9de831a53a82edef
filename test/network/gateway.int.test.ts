import { status as GrpcStatus } from '@grpc/grpc-js';
import { EndorseError, GatewayError, type Contract } from '@hyperledger/fabric-gateway';
import { peer } from '@alliance/network/protos';
import { testDefinition, text, type TestNetwork } from './harness/network';
import { itOn, startRuntimeNetwork, testRuntime } from './support/runtime';

jest.setTimeout(120_000);

// Proposals older than 3 s are refused, so the stale-proposal case runs quickly.
const WINDOW_MINUTES = 0.05;

describe(`gateway against the ${testRuntime()} network (unmodified fabric-gateway client)`, () => {
  let net: TestNetwork;
  let contract: Contract;

  beforeAll(async () => {
    net = await startRuntimeNetwork(testDefinition({ orgs: 3, timeWindowMinutes: WINDOW_MINUTES }));
    contract = net.connect('platform').gateway.getNetwork(net.definition.channel).getContract('testcc');
  });
  afterAll(async () => {
    await net.stop();
  });

  it('submits, commits as VALID and evaluates the committed value', async () => {
    const commit = await contract.submitAsync('put', { arguments: ['k1', 'v1'] });
    const status = await commit.getStatus();
    expect(status.code).toBe(peer.TxValidationCode.VALID);
    expect(status.successful).toBe(true);
    expect(status.blockNumber).toBeGreaterThan(1n);
    expect(text(await contract.evaluateTransaction('get', 'k1'))).toBe('v1');
  });

  it('commits through another org peer and reads it everywhere', async () => {
    const brand = net.connect('brand').gateway.getNetwork(net.definition.channel).getContract('testcc');
    await brand.submitTransaction('put', 'k2', 'from-brand');
    const supplier = net.connect('supplier').gateway.getNetwork(net.definition.channel).getContract('testcc');
    expect(text(await supplier.evaluateTransaction('get', 'k2'))).toBe('from-brand');
  });

  it('reports a chaincode error on endorse as ABORTED with the chaincode message in the details', async () => {
    const err = await contract.submitTransaction('fail', 'nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EndorseError);
    const endorseError = err as EndorseError;
    expect(endorseError.code).toBe(GrpcStatus.ABORTED);
    expect(endorseError.details[0]?.message).toBe('chaincode response 500, nope');
    expect(endorseError.details[0]?.mspId).toBe('PlatformMSP');
  });

  it('reports a chaincode error on evaluate as UNKNOWN with details', async () => {
    const err = await contract.evaluateTransaction('fail', 'bad').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe(GrpcStatus.UNKNOWN);
    expect((err as GatewayError).details[0]?.message).toBe('chaincode response 500, bad');
  });

  it('refuses an unknown function', async () => {
    const err = (await contract.evaluateTransaction('nosuch').catch((e: unknown) => e)) as GatewayError;
    expect(err.code).toBe(GrpcStatus.UNKNOWN);
    expect(err.details[0]?.message).toMatch(/does not exist: nosuch/);
  });

  it('answers a rich query as a LevelDB peer does', async () => {
    const err = (await contract
      .evaluateTransaction('rich', '{"selector":{}}')
      .catch((e: unknown) => e)) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.details[0]?.message).toMatch(/not supported for leveldb/i);
  });

  it('refuses re-endorsing a committed proposal as a duplicate transaction', async () => {
    const proposal = contract.newProposal('put', { arguments: ['k3', 'once'] });
    const transaction = await proposal.endorse();
    const commit = await transaction.submit();
    expect((await commit.getStatus()).successful).toBe(true);
    const err = (await proposal.endorse().catch((e: unknown) => e)) as EndorseError;
    expect(err).toBeInstanceOf(EndorseError);
    expect(JSON.stringify(err.details)).toMatch(/duplicate transaction/i);
  });

  // The embedded network checks the window on every proposal, as Fabric 3 peers do.
  itOn(['embedded'], 'Fabric 2.5 peers endorse a proposal older than the time window (the case below)')(
    'refuses a proposal older than the time window, and commits nothing',
    async () => {
      const proposal = contract.newProposal('put', { arguments: ['stale', 'x'] });
      await new Promise((r) => setTimeout(r, WINDOW_MINUTES * 60_000 + 500));
      const err = await proposal.endorse().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EndorseError);
      expect(text(await contract.evaluateTransaction('get', 'stale'))).toBe('');
    },
  );

  // Fabric 2.5 peers check the window only on Deliver requests: a stale proposal is endorsed.
  itOn(['fabric'], 'the embedded network refuses it, as Fabric 3 peers do (the case above)')(
    'endorses and commits a proposal older than the time window (Fabric 2.5)',
    async () => {
      const proposal = contract.newProposal('put', { arguments: ['stale', 'x'] });
      await new Promise((r) => setTimeout(r, WINDOW_MINUTES * 60_000 + 500));
      const commit = await (await proposal.endorse()).submit();
      expect((await commit.getStatus()).successful).toBe(true);
      expect(text(await contract.evaluateTransaction('get', 'stale'))).toBe('x');
    },
  );
});
