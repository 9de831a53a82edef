import { createHash } from 'node:crypto';
import { connectChaincode, type ChaincodeStream } from '@alliance/network/chaincode';
import { createEndorser, EndorserError, type Endorser, type EndorserDeps } from '@alliance/network/endorser';
import { createChaincodeDefinitionView } from '@alliance/network/lifecycle';
import { common, peer } from '@alliance/network/protos';
import { createBlock, headerHash } from '@alliance/network/block';
import { isLowS } from '@alliance/network/identity';
import { startTestChaincode, type ChaincodeServer } from '../support/chaincode-server';
import { createTestChannel, type TestChannel } from '../support/channel';
import { simulateDefinition } from '../support/lifecycle';
import { openSeededLedger, type SeededLedger } from '../support/seeded-ledger';
import { buildProposal, type ProposalOptions } from '../support/proposals';
import { decodeRwSet } from '../support/decode-rwset';
import { createTestIdentity } from '../support/test-identities';

const CC = 'testcc';
let channel: TestChannel;
let server: ChaincodeServer;
let otherServer: ChaincodeServer;
let otherStream: ChaincodeStream;
let stream: ChaincodeStream;
let seeded: SeededLedger;
let deps: EndorserDeps;
let endorser: Endorser;

beforeAll(async () => {
  [channel, server, otherServer] = await Promise.all([
    createTestChannel(),
    startTestChaincode(),
    startTestChaincode('othercc:1.0'),
  ]);
  stream = await connectChaincode({ address: server.address, chaincodeId: server.chaincodeId });
  otherStream = await connectChaincode({
    address: otherServer.address,
    chaincodeId: otherServer.chaincodeId,
  });
  seeded = await openSeededLedger(channel.orderer());
  const ledger = seeded.ledger;
  await seeded.commitBlock(channel.genesis);
  for (const def of [
    { name: CC, version: '1.0' },
    { name: 'stopped', version: '2.0' },
    { name: 'othercc', version: '3.0' },
  ]) {
    const { writes } = simulateDefinition(ledger.state, (ns, key) => ledger.history(ns, key), def);
    await seeded.commit([
      { txId: `define-${def.name}`, writes: writes.map((w) => ({ ns: w.ns, key: w.key, bytes: w.value })) },
    ]);
  }
  deps = {
    channelId: channel.config.channelId,
    channel: () => channel.config,
    ledger,
    signer: channel.peer('platform'),
    chaincodes: createChaincodeDefinitionView(ledger.state),
    stream: (name) => ({ [CC]: stream, othercc: otherStream })[name],
    timeWindowMs: 15 * 60_000,
    executeTimeoutMs: 2000,
  };
  endorser = createEndorser(deps);
}, 60_000);

afterAll(async () => {
  stream.close();
  otherStream.close();
  await Promise.all([server.stop(), otherServer.stop()]);
  await seeded.close();
  channel.cleanup();
});

function propose(args: (string | Uint8Array)[], opts: Partial<ProposalOptions> = {}) {
  return buildProposal({
    identity: channel.user('platform'),
    channelId: 'alliance',
    chaincode: CC,
    args,
    ...opts,
  });
}

function action(response: peer.ProposalResponse) {
  const prp = peer.ProposalResponsePayload.deserializeBinary(response.getPayload_asU8());
  return { prp, action: peer.ChaincodeAction.deserializeBinary(prp.getExtension_asU8()) };
}

/** Byte equality without jest's element-wise diff, which is slow on whole blocks. */
function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.from(a).equals(Buffer.from(b));
}

async function refusal(p: Promise<unknown>): Promise<EndorserError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EndorserError);
  return err as EndorserError;
}

describe('endorser', () => {
  it('endorses: proposal hash without transient data, chaincode action, low-S signature over prp || endorser', async () => {
    const { signedProposal } = propose(['test:put', 'k', 'v'], { transient: { secret: Buffer.from('s') } });
    const response = await endorser.processProposal(signedProposal);
    expect(response.getResponse()?.getStatus()).toBe(200);
    expect(response.getVersion()).toBe(1);

    const proposal = peer.Proposal.deserializeBinary(signedProposal.getProposalBytes_asU8());
    const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
    const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
    const bare = new peer.ChaincodeProposalPayload();
    bare.setInput(payload.getInput_asU8());
    const expectedHash = createHash('sha256')
      .update(header.getChannelHeader_asU8())
      .update(header.getSignatureHeader_asU8())
      .update(bare.serializeBinary())
      .digest();
    const { prp, action: cca } = action(response);
    expect(Buffer.from(prp.getProposalHash_asU8())).toEqual(expectedHash);
    expect(cca.getChaincodeId()?.toObject()).toMatchObject({ name: CC, version: '1.0' });
    expect(cca.getResponse()?.getPayload_asU8()).toEqual(new Uint8Array(Buffer.from('ok')));
    expect(decodeRwSet(cca.getResults_asU8())).toEqual([
      expect.objectContaining({
        namespace: '_lifecycle',
        reads: [{ key: 'namespaces/fields/testcc/Sequence', version: { blockNum: 1, txNum: 0 } }],
      }),
      expect.objectContaining({ namespace: CC, writes: [{ key: 'k', isDelete: false, value: 'v' }] }),
    ]);

    const endorsement = response.getEndorsement();
    const peerSigner = channel.peer('platform');
    expect(endorsement?.getEndorser_asU8()).toEqual(peerSigner.serialized);
    const signature = endorsement?.getSignature_asU8() ?? new Uint8Array();
    expect(isLowS(signature)).toBe(true);
    const msps = channel.config.msps;
    const signed = Buffer.concat([response.getPayload_asU8(), peerSigner.serialized]);
    expect(msps.verify(msps.deserialize(peerSigner.serialized), signed, signature)).toBe(true);
  });

  it('completes the chaincode event with the chaincode name and tx id', async () => {
    const { signedProposal, txId } = propose(['test:emit', 'Created', 'data']);
    const { action: cca } = action(await endorser.processProposal(signedProposal));
    const event = peer.ChaincodeEvent.deserializeBinary(cca.getEvents_asU8());
    expect(event.toObject()).toMatchObject({ chaincodeId: CC, txId, eventName: 'Created' });
  });

  it('returns chaincode errors with their payload and no endorsement', async () => {
    const response = await endorser.processProposal(
      propose(['test:fail', 'LOT_NOT_FOUND: x']).signedProposal,
    );
    expect(response.getResponse()?.toObject()).toMatchObject({ status: 500, message: 'LOT_NOT_FOUND: x' });
    expect(response.getPayload_asU8().length).toBeGreaterThan(0);
    expect(response.hasEndorsement()).toBe(false);
  });

  it('refuses a forged signature, an unknown MSP and a wrong tx id binding', async () => {
    const forged = await refusal(
      endorser.processProposal(
        propose(['test:get', 'k'], { signWith: channel.user('platform', 'Admin') }).signedProposal,
      ),
    );
    expect(forged.code).toBe('PROPOSAL_REJECTED');
    expect(forged.message).toBe(
      'error validating proposal: access denied: channel [alliance] creator org [PlatformMSP]',
    );
    expect(forged.response?.getResponse()?.getStatus()).toBe(500);
    expect(forged.response?.getPayload_asU8()).toHaveLength(0);

    const stranger = await createTestIdentity('StrangerMSP', 'User1@stranger');
    const unknown = await refusal(
      endorser.processProposal(propose(['test:get', 'k'], { identity: stranger }).signedProposal),
    );
    expect(unknown.message).toBe(
      'error validating proposal: access denied: channel [alliance] creator org unknown, creator is malformed',
    );

    const rebound = await refusal(
      endorser.processProposal(propose(['test:get', 'k'], { txId: 'abc' }).signedProposal),
    );
    expect(rebound.message).toMatch(
      /^error validating proposal: incorrectly computed txid 'abc' -- expected '[0-9a-f]{64}'$/,
    );
  });

  it('answers a proposal for another channel with a peer failure', async () => {
    const response = await endorser.processProposal(
      propose(['test:get', 'k'], { channelId: 'other' }).signedProposal,
    );
    expect(response.getResponse()?.toObject()).toMatchObject({
      status: 500,
      message: "channel 'other' not found",
    });
  });

  it('refuses a replayed tx id', async () => {
    const { signedProposal, txId } = propose(['test:get', 'k']);
    await seeded.commit([{ txId, writes: [] }]);
    const creator = channel.user('platform').serialized;
    const replay = await refusal(endorser.processProposal(signedProposal));
    expect(replay.message).toBe(
      `duplicate transaction found [${txId}]. Creator [${Buffer.from(creator).toString('hex')}]`,
    );
  });

  it('refuses stale timestamps as a Fabric 3 peer, and accepts them with the window disabled', async () => {
    const stale = propose(['test:get', 'k'], { timestamp: new Date(Date.now() - 20 * 60_000) });
    const err = await refusal(endorser.processProposal(stale.signedProposal));
    expect(err.code).toBe('AUTH_FILTER');
    expect(err.response).toBeUndefined();
    expect(err.message).toMatch(
      /^request unauthorized due to incorrect timestamp .*Z, peer time .*Z, peer.authentication.timewindow 15m0s$/,
    );
    const lenient = createEndorser({ ...deps, timeWindowMs: 0 });
    expect((await lenient.processProposal(stale.signedProposal)).getResponse()?.getStatus()).toBe(200);
  });

  it('refuses creators outside the channel Writers (peer/Propose ACL)', async () => {
    const err = await refusal(
      endorser.processProposal(propose(['test:get', 'k'], { identity: channel.orderer() }).signedProposal),
    );
    expect(err.message).toMatch(
      /^failed evaluating policy on signed data during check policy \[\/Channel\/Application\/Writers\]: \[/,
    );
  });

  it('answers undefined, stopped and slow chaincodes with peer failures (500, no payload)', async () => {
    const cases: [Partial<ProposalOptions>, string][] = [
      [
        { chaincode: 'nosuch' },
        "make sure the chaincode nosuch has been successfully defined on channel alliance and try again: could not find chaincode with name 'nosuch'",
      ],
      [
        { chaincode: 'stopped' },
        "make sure the chaincode stopped has been successfully defined on channel alliance and try again: chaincode definition for 'stopped' exists, but chaincode is not installed",
      ],
    ];
    for (const [opts, message] of cases) {
      const response = await endorser.processProposal(propose(['test:get', 'k'], opts).signedProposal);
      expect(response.getResponse()?.toObject()).toMatchObject({ status: 500, message });
      expect(response.getPayload_asU8()).toHaveLength(0);
    }
    const slow = propose(['test:sleep', '1000']);
    const response = await createEndorser({ ...deps, executeTimeoutMs: 200 }).processProposal(
      slow.signedProposal,
    );
    expect(response.getResponse()?.getMessage()).toBe(
      `error in simulation: failed to execute transaction ${slow.txId}: error sending: timeout expired while executing transaction`,
    );
    expect(response.getPayload_asU8()).toHaveLength(0);
  });

  it('serves qscc through an ordinary proposal, with its Readers ACL', async () => {
    const info = await endorser.processProposal(
      propose(['GetChainInfo', 'alliance'], { chaincode: 'qscc' }).signedProposal,
    );
    expect(info.getResponse()?.getStatus()).toBe(200);
    const chain = common.BlockchainInfo.deserializeBinary(
      info.getResponse()?.getPayload_asU8() ?? new Uint8Array(),
    );
    expect(chain.getHeight()).toBe(seeded.ledger.height);
    expect(action(info).action.getChaincodeId()?.getVersion()).toBe('syscc');

    const block = await endorser.processProposal(
      propose(['GetBlockByNumber', 'alliance', '0'], { chaincode: 'qscc' }).signedProposal,
    );
    expect(sameBytes(block.getResponse()?.getPayload_asU8(), channel.genesis.serializeBinary())).toBe(true);

    const byHash = await endorser.processProposal(
      propose(['GetBlockByHash', 'alliance', headerHash(channel.genesis.getHeader()!)], {
        chaincode: 'qscc',
      }).signedProposal,
    );
    expect(sameBytes(byHash.getResponse()?.getPayload_asU8(), channel.genesis.serializeBinary())).toBe(true);

    const missing = await endorser.processProposal(
      propose(['GetTransactionByID', 'alliance', 'nope'], { chaincode: 'qscc' }).signedProposal,
    );
    expect(missing.getResponse()?.toObject()).toMatchObject({
      status: 500,
      message: 'Failed to get transaction with id nope, error no such transaction ID [nope] in index',
    });

    const denied = await endorser.processProposal(
      propose(['GetChainInfo', 'alliance'], { chaincode: 'qscc', identity: channel.orderer() })
        .signedProposal,
    );
    expect(denied.getResponse()?.getMessage()).toMatch(
      /^access denied for \[GetChainInfo\]\[alliance\]: \[failed evaluating policy/,
    );
  });

  it('finds committed transactions through qscc GetTransactionByID', async () => {
    const envelope = new common.Envelope();
    envelope.setPayload(Buffer.from('payload'));
    const block = createBlock(seeded.ledger.height, seeded.ledger.currentHash(), [
      envelope.serializeBinary(),
    ]);
    channel.signAsOrderer(block);
    await seeded.commitBlock(block, [
      { txId: 'committed-tx', code: peer.TxValidationCode.MVCC_READ_CONFLICT },
    ]);
    const response = await endorser.processProposal(
      propose(['GetTransactionByID', 'alliance', 'committed-tx'], { chaincode: 'qscc' }).signedProposal,
    );
    const processed = peer.ProcessedTransaction.deserializeBinary(
      response.getResponse()?.getPayload_asU8() ?? new Uint8Array(),
    );
    expect(processed.getValidationcode()).toBe(peer.TxValidationCode.MVCC_READ_CONFLICT);
    expect(processed.getTransactionenvelope()?.getPayload_asU8()).toEqual(
      new Uint8Array(Buffer.from('payload')),
    );
  });

  it('serves cscc GetConfigBlock', async () => {
    const response = await endorser.processProposal(
      propose(['GetConfigBlock', 'alliance'], { chaincode: 'cscc' }).signedProposal,
    );
    expect(sameBytes(response.getResponse()?.getPayload_asU8(), channel.genesis.serializeBinary())).toBe(
      true,
    );
  });

  it('commits and queries chaincode definitions through _lifecycle', async () => {
    const query = new peer.lifecycle.QueryChaincodeDefinitionArgs();
    query.setName(CC);
    const found = await endorser.processProposal(
      propose(['QueryChaincodeDefinition', query.serializeBinary()], {
        chaincode: '_lifecycle',
      }).signedProposal,
    );
    const result = peer.lifecycle.QueryChaincodeDefinitionResult.deserializeBinary(
      found.getResponse()?.getPayload_asU8() ?? new Uint8Array(),
    );
    expect(result.toObject()).toMatchObject({
      sequence: 1,
      version: '1.0',
      endorsementPlugin: 'escc',
      validationPlugin: 'vscc',
    });

    const commit = new peer.lifecycle.CommitChaincodeDefinitionArgs();
    commit.setName(CC);
    commit.setVersion('1.1');
    commit.setSequence(2);
    const response = await endorser.processProposal(
      propose(['CommitChaincodeDefinition', commit.serializeBinary()], {
        chaincode: '_lifecycle',
      }).signedProposal,
    );
    expect(response.getResponse()?.getStatus()).toBe(200);
    const [ns] = decodeRwSet(action(response).action.getResults_asU8());
    // Only the fields that change are written: the sequence and the version.
    expect(ns?.writes.map((w) => w.key)).toEqual([
      'namespaces/fields/testcc/EndorsementInfo',
      'namespaces/fields/testcc/Sequence',
    ]);

    commit.setSequence(5);
    const wrong = await endorser.processProposal(
      propose(['CommitChaincodeDefinition', commit.serializeBinary()], {
        chaincode: '_lifecycle',
      }).signedProposal,
    );
    expect(wrong.getResponse()?.getMessage()).toBe(
      "failed to invoke backing implementation of 'CommitChaincodeDefinition': requested sequence is 5, but new definition must be sequence 2",
    );
  });

  it('runs chaincode-to-chaincode calls in the same transaction and refuses re-entry', async () => {
    const call = (target: string, args: string[]) =>
      endorser.processProposal(propose(['test:callOther', target, JSON.stringify(args)]).signedProposal);
    const response = await call('othercc', ['test:put', 'shared', 'from-callee']);
    expect(response.getResponse()?.getStatus()).toBe(200);
    const inner = JSON.parse(
      Buffer.from(response.getResponse()?.getPayload_asU8() ?? []).toString(),
    ) as object;
    expect(inner).toEqual({ status: 200, message: '', payload: 'ok' });
    // The callee's reads and writes land in the caller's rwset, under its own namespace.
    const namespaces = decodeRwSet(action(response).action.getResults_asU8());
    expect(namespaces.map((n) => n.namespace)).toEqual(['_lifecycle', 'othercc']);
    expect(namespaces[0]?.reads.map((r) => r.key)).toEqual([
      'namespaces/fields/othercc/Sequence',
      'namespaces/fields/testcc/Sequence',
    ]);
    expect(namespaces[1]?.writes).toEqual([{ key: 'shared', isDelete: false, value: 'from-callee' }]);

    const reentry = await call('testcc', ['test:get', 'k']);
    expect(reentry.getResponse()?.getStatus()).toBe(500);
    expect(reentry.getResponse()?.getMessage()).toMatch(
      /INVOKE_CHAINCODE failed: transaction ID: [0-9a-f]{64}: txid: [0-9a-f]{64}\(alliance\) exists/,
    );
  });
});
