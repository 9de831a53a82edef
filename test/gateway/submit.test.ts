import * as grpc from '@grpc/grpc-js';
import { gateway, peer } from '@hyperledger/fabric-protos';
import { AllianceError, encodeAllianceError } from '@alliance/chaincode/model';
import {
  ChaincodeError,
  CommitFailedError,
  FabricStageError,
  connectAlliance,
  evaluateTransaction,
  identityFromPem,
  isChaincodeError,
  isCommitFailed,
  isFabricStageError,
  submitTransaction,
  type AllianceConnection,
} from '@alliance/gateway';
import { startGatewayServer, RpcFailure, type RunningGatewayServer } from './support/gateway-server';
import {
  configEnvelope,
  endorseProposal,
  makeBlock,
  newOrg,
  proposalArgs,
  type TestOrg,
} from './support/fabric-tx';

let server: RunningGatewayServer;
let org: TestOrg;
let conn: AllianceConnection;
const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, configSkewMs: 5000 };

beforeAll(async () => {
  server = await startGatewayServer();
  org = await newOrg('SupplierMSP');
  conn = connectAlliance({
    identity: identityFromPem({
      mspId: org.mspId,
      certificatePem: org.user.certPem,
      privateKeyPem: org.user.keyPem,
    }),
    peer: { endpoint: server.endpoint, tlsCaPem: server.tlsCaPem, tlsHostName: server.tlsHostName },
    channel: 'alliance',
    chaincode: 'provenance',
    timeouts: { commitStatusMs: 3000 },
  });
});
afterAll(async () => {
  conn.close();
  await server.stop();
});

/** Scripts a peer that endorses every proposal (with the alliance event) and commits with the given codes in turn. */
function scriptCommits(codes: number[], seen: string[][] = []): void {
  server.script.endorse = (req) => {
    const sp = req.getProposedTransaction()!;
    seen.push(proposalArgs(sp));
    const txId = req.getTransactionId();
    const payload = JSON.stringify({
      events: [{ id: `${txId}:0`, type: 'lot.registered', subject: { kind: 'lot', id: 'L1' }, data: {} }],
      txId,
    });
    const endorsed = endorseProposal(sp, {
      endorsers: [{ mspId: org.mspId, id: org.peer }],
      result: '{"id":"L1"}',
      event: { name: 'alliance.events', payload },
    });
    const res = new gateway.EndorseResponse();
    res.setPreparedTransaction(endorsed.envelope);
    return res;
  };
  server.script.submit = () => new gateway.SubmitResponse();
  let i = 0;
  server.script.commitStatus = () => {
    const res = new gateway.CommitStatusResponse();
    res.setResult((codes[Math.min(i++, codes.length - 1)] ?? 0) as 0);
    res.setBlockNumber(7);
    return res;
  };
}

describe('submitTransaction', () => {
  it('returns tx id, block number, result and the decoded domain events; sends one canonical JSON argument', async () => {
    const seen: string[][] = [];
    scriptCommits([0], seen);
    const out = await submitTransaction(
      conn,
      { contract: 'lots', transaction: 'RegisterLot', input: { z: 1, a: 'x' } },
      fast,
    );
    expect(seen).toEqual([['lots:RegisterLot', '{"a":"x","z":1}']]);
    expect(out).toMatchObject({ blockNumber: 7n, attempts: 1 });
    expect(Buffer.from(out.result).toString()).toBe('{"id":"L1"}');
    expect(out.events).toEqual([
      { id: `${out.txId}:0`, type: 'lot.registered', subject: { kind: 'lot', id: 'L1' }, data: {} },
    ]);
  });

  it('retries an MVCC conflict with a fresh proposal (new tx id)', async () => {
    const seen: string[][] = [];
    scriptCommits([11, 0], seen);
    const ids: string[] = [];
    const endorse = server.script.endorse!;
    server.script.endorse = (req, meta) => {
      ids.push(req.getTransactionId());
      return endorse(req, meta);
    };
    const out = await submitTransaction(
      conn,
      { contract: 'lots', transaction: 'RegisterLot', input: {} },
      fast,
    );
    expect(out.attempts).toBe(2);
    expect(new Set(ids).size).toBe(2);
    expect(out.txId).toBe(ids[1]);
  });

  it('gives up after the bounded attempts with the commit failure', async () => {
    scriptCommits([12]);
    const err = await submitTransaction(conn, { contract: 'lots', transaction: 'X', input: {} }, fast).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CommitFailedError);
    expect(isCommitFailed(err, 'PHANTOM_READ_CONFLICT')).toBe(true);
    expect(err).toMatchObject({
      code: 'COMMIT_FAILED',
      stage: 'commit',
      validationCode: 12,
      blockNumber: 7n,
    });
  });

  it('retries an endorsement-policy failure only when a config block newer than the proposal governs the block', async () => {
    const orgs = [org];
    const serveBlocks = (configAt: Date): void => {
      const cfg = makeBlock({
        number: 0n,
        envelopes: [configEnvelope('alliance', orgs, configAt)],
        lastConfig: 0n,
      });
      const blk = makeBlock({ number: 1n, previous: cfg, envelopes: [], lastConfig: 0n });
      server.script.evaluate = (req) => {
        const [fn, , n] = proposalArgs(req.getProposedTransaction()!);
        expect(fn).toBe('GetBlockByNumber');
        const r = new peer.Response();
        r.setStatus(200);
        r.setPayload((n === '0' ? cfg : blk).serializeBinary());
        const res = new gateway.EvaluateResponse();
        res.setResult(r);
        return res;
      };
    };
    serveBlocks(new Date(Date.now() - 3_600_000));
    scriptCommits([10, 0]);
    await expect(
      submitTransaction(conn, { contract: 'lots', transaction: 'X', input: {} }, fast),
    ).rejects.toMatchObject({ validationName: 'ENDORSEMENT_POLICY_FAILURE' });
    serveBlocks(new Date(Date.now() + 1000));
    scriptCommits([10, 0]);
    await expect(
      submitTransaction(conn, { contract: 'lots', transaction: 'X', input: {} }, fast),
    ).resolves.toMatchObject({ attempts: 2 });
  });

  it('turns a chaincode refusal in the endorsers’ details into a typed ChaincodeError (never retried)', async () => {
    let calls = 0;
    const refusal = new AllianceError('VALIDATION_FAILED', 'input is invalid', {
      issues: [{ path: 'quantity', message: 'must be positive' }],
    });
    server.script.endorse = () => {
      calls++;
      throw new RpcFailure(
        grpc.status.ABORTED,
        'failed to endorse transaction, see attached details for more info',
        [
          {
            address: 'peer0.supplier:7051',
            mspId: 'SupplierMSP',
            message: `chaincode response 500, ${encodeAllianceError(refusal)}`,
          },
        ],
      );
    };
    const err = await submitTransaction(
      conn,
      { contract: 'lots', transaction: 'RegisterLot', input: {} },
      fast,
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(err).toBeInstanceOf(ChaincodeError);
    expect(isChaincodeError(err, 'VALIDATION_FAILED')).toBe(true);
    expect(err).toMatchObject({
      stage: 'endorse',
      issues: [{ path: 'quantity', message: 'must be positive' }],
      peer: { mspId: 'SupplierMSP', address: 'peer0.supplier:7051' },
    });
    expect((err as ChaincodeError).transactionId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps stage, gRPC code, tx id and per-peer details of a Fabric endorsement failure', async () => {
    server.script.endorse = () => {
      throw new RpcFailure(grpc.status.ABORTED, 'failed to collect enough transaction endorsements', [
        { address: 'p1', mspId: 'BrandMSP', message: 'ProposalResponsePayloads do not match' },
      ]);
    };
    const err = await submitTransaction(conn, { contract: 'lots', transaction: 'X' }, fast).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FabricStageError);
    expect(err).toMatchObject({
      code: 'ENDORSE_FAILED',
      stage: 'endorse',
      grpcCode: grpc.status.ABORTED,
      grpcStatusName: 'ABORTED',
      details: [{ mspId: 'BrandMSP' }],
    });
    expect((err as Error).message).toMatch(/BrandMSP p1: ProposalResponsePayloads do not match/);
  });

  it('names the submit stage when the orderer refuses', async () => {
    scriptCommits([0]);
    server.script.submit = () => {
      throw new RpcFailure(
        grpc.status.ABORTED,
        'received unsuccessful response from orderer: status=FORBIDDEN',
      );
    };
    const err = await submitTransaction(conn, { contract: 'lots', transaction: 'X' }, fast).catch(
      (e: unknown) => e,
    );
    expect(isFabricStageError(err, 'submit')).toBe(true);
    expect((err as FabricStageError).transactionId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('asks the commit status again, for the same transaction, after a timeout', async () => {
    scriptCommits([0]);
    const commit = server.script.commitStatus!;
    let n = 0;
    server.script.commitStatus = (req, meta) => {
      if (n++ === 0) throw new RpcFailure(grpc.status.DEADLINE_EXCEEDED, 'context deadline exceeded');
      return commit(req, meta);
    };
    await expect(
      submitTransaction(conn, { contract: 'lots', transaction: 'X' }, fast),
    ).resolves.toMatchObject({ attempts: 1, blockNumber: 7n });
    expect(n).toBe(2);
  });
});

describe('evaluateTransaction', () => {
  it('returns the result bytes, and a typed error for a chaincode refusal', async () => {
    server.script.evaluate = (req) => {
      const [fn, arg] = proposalArgs(req.getProposedTransaction()!);
      if (fn === 'lots:GetLot' && arg === '{"id":"L1"}') {
        const r = new peer.Response();
        r.setStatus(200);
        r.setPayload(Buffer.from('{"id":"L1"}'));
        const res = new gateway.EvaluateResponse();
        res.setResult(r);
        return res;
      }
      throw new RpcFailure(
        grpc.status.UNKNOWN,
        `evaluate call to endorser returned error: chaincode response 500, ${encodeAllianceError(new AllianceError('LOT_NOT_FOUND', 'no lot L2'))}`,
        [{ address: 'peer0', mspId: 'SupplierMSP', message: 'chaincode response 500' }],
      );
    };
    expect(
      Buffer.from(
        await evaluateTransaction(conn, { contract: 'lots', transaction: 'GetLot', input: { id: 'L1' } }),
      ).toString(),
    ).toBe('{"id":"L1"}');
    const err = await evaluateTransaction(conn, {
      contract: 'lots',
      transaction: 'GetLot',
      input: { id: 'L2' },
    }).catch((e: unknown) => e);
    expect(isChaincodeError(err, 'LOT_NOT_FOUND')).toBe(true);
    expect(err).toMatchObject({ stage: 'evaluate', message: 'LOT_NOT_FOUND: no lot L2' });
  });

  it('is a FabricStageError when the peer is gone', async () => {
    server.script.evaluate = () => {
      throw new RpcFailure(grpc.status.UNAVAILABLE, 'failed to evaluate transaction');
    };
    await expect(
      evaluateTransaction(conn, { contract: 'lots', transaction: 'GetLot' }),
    ).rejects.toMatchObject({ code: 'EVALUATE_FAILED', grpcCode: grpc.status.UNAVAILABLE });
  });
});
