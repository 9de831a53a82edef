import { checkpointers, type ChaincodeEvent, type Network } from '@hyperledger/fabric-gateway';
import { common, peer } from '@alliance/network/protos';
import { testDefinition, text, type TestNetwork } from './harness/network';
import { startRuntimeNetwork, testRuntime } from './support/runtime';

jest.setTimeout(120_000);

/** Reads `count` items from an async iterator, failing after `ms`. */
async function take<T>(iterator: AsyncIterator<T>, count: number, ms = 10_000): Promise<T[]> {
  const items: T[] = [];
  const deadline = Date.now() + ms;
  while (items.length < count) {
    const next = await Promise.race([
      iterator.next(),
      new Promise<never>((_, reject) =>
        setTimeout(() => {
          reject(new Error('timed out waiting for events'));
        }, deadline - Date.now()),
      ),
    ]);
    if (next.done) break;
    items.push(next.value);
  }
  return items;
}

describe(`events from the ${testRuntime()} network`, () => {
  let net: TestNetwork;
  let network: Network;

  beforeAll(async () => {
    net = await startRuntimeNetwork(testDefinition({ orgs: 2 }));
    network = net.connect('platform').gateway.getNetwork(net.definition.channel);
  });
  afterAll(async () => {
    // beforeAll may have failed before the network existed.
    await (net as TestNetwork | undefined)?.stop();
  });

  it('streams chaincode events of valid transactions and resumes after a checkpoint', async () => {
    const contract = network.getContract('testcc');
    const start = (await contract.submitAsync('emit', { arguments: ['first', 'a'] })).getStatus();
    const startBlock = (await start).blockNumber;
    await contract.submitTransaction('emit', 'second', 'b');
    await contract.submitTransaction('fail', 'no event').catch(() => undefined);
    await contract.submitTransaction('emit', 'third', 'c');

    const checkpointer = checkpointers.inMemory();
    const events = await network.getChaincodeEvents('testcc', { startBlock });
    const iterator = events[Symbol.asyncIterator]();
    const firstTwo: ChaincodeEvent[] = await take(iterator, 2);
    events.close();
    expect(firstTwo.map((e) => [e.eventName, text(e.payload), e.chaincodeName])).toEqual([
      ['first', 'a', 'testcc'],
      ['second', 'b', 'testcc'],
    ]);
    const second = firstTwo[1] as ChaincodeEvent;
    await checkpointer.checkpointChaincodeEvent(second);

    const resumed = await network.getChaincodeEvents('testcc', { checkpoint: checkpointer });
    const next = await take(resumed[Symbol.asyncIterator](), 1);
    resumed.close();
    expect(next.map((e) => e.eventName)).toEqual(['third']);
  });

  it('streams blocks and filtered blocks with validation codes', async () => {
    const contract = network.getContract('testcc');
    const status = await (await contract.submitAsync('put', { arguments: ['ev', '1'] })).getStatus();

    const blocks = await network.getBlockEvents({ startBlock: status.blockNumber });
    const [block] = await take(blocks[Symbol.asyncIterator](), 1);
    blocks.close();
    expect(block?.getHeader()?.getNumber()).toBe(Number(status.blockNumber));
    const filter = block?.getMetadata()?.getMetadataList_asU8()[
      common.BlockMetadataIndex.TRANSACTIONS_FILTER
    ];
    expect(filter?.[0]).toBe(peer.TxValidationCode.VALID);

    const filtered = await network.getFilteredBlockEvents({ startBlock: 0n });
    const first = await take(filtered[Symbol.asyncIterator](), Number(status.blockNumber) + 1);
    filtered.close();
    expect(first[0]?.getFilteredTransactionsList()[0]?.getType()).toBe(common.HeaderType.CONFIG);
    const last = first[first.length - 1];
    expect(last?.getFilteredTransactionsList().map((t) => [t.getTxid(), t.getTxValidationCode()])).toEqual([
      [status.transactionId, peer.TxValidationCode.VALID],
    ]);
  });
});
