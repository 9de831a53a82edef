import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientDuplexStream } from '@grpc/grpc-js';
import { common, orderer } from '@alliance/network/protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { headerHash, dataHash } from '@alliance/network/block';
import { buildGenesisBlock } from '@alliance/network/channel';
import { generateCryptoMaterial, type CryptoMaterial } from '@alliance/network/crypto';
import { seekEnvelope } from '@alliance/network/deliver';
import { dial, type Endpoint } from '@alliance/network/grpc';
import { createSigner, type Signer } from '@alliance/network/identity';
import { startOrderer, type OrdererNode } from '@alliance/network/orderer';
import { testDefinition } from './harness/definition';

jest.setTimeout(120_000);

function transaction(channel: string, signer: Signer, size = 10, sign = true): common.Envelope {
  const nonce = randomBytes(24);
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setChannelId(channel);
  channelHeader.setTimestamp(Timestamp.fromDate(new Date()));
  channelHeader.setTxId(createHash('sha256').update(nonce).update(signer.serialized).digest('hex'));
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(signer.serialized);
  signatureHeader.setNonce(nonce);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(randomBytes(size));
  const bytes = payload.serializeBinary();
  const envelope = new common.Envelope();
  envelope.setPayload(bytes);
  envelope.setSignature(sign ? signer.sign(bytes) : signer.sign(randomBytes(8)));
  return envelope;
}

describe('orderer: Broadcast admission, block cutting and Deliver', () => {
  const def = testDefinition({ orgs: 2 });
  let dir: string;
  let crypto: CryptoMaterial;
  let node: OrdererNode;
  let client: orderer.AtomicBroadcastClient;
  let user: Signer;
  let endpoint: Endpoint;

  const start = async (): Promise<void> => {
    const material = crypto.orderer;
    node = await startOrderer({
      dataDir: join(dir, 'orderer'),
      genesis: buildGenesisBlock(def, crypto),
      signer: createSigner(material.mspId, material.node.identity.certPem, material.node.identity.keyPem),
      tls: material.node.tls,
      host: '127.0.0.1',
      port: 0,
      cutOnDrain: true,
      timeWindowMs: 15 * 60_000,
    });
    endpoint = {
      address: `127.0.0.1:${node.port}`,
      tlsCaPem: material.tlsCaCertPem,
      tlsHostName: def.orderer.host,
    };
    client = dial(orderer.AtomicBroadcastClient, endpoint);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'alliance-orderer-'));
    crypto = await generateCryptoMaterial(def, dir);
    const platform = crypto.orgs.platform;
    if (!platform?.users.User1) throw new Error('no platform User1');
    user = createSigner(platform.mspId, platform.users.User1.certPem, platform.users.User1.keyPem);
    await start();
  });
  afterAll(async () => {
    client.close();
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function broadcast(envelopes: common.Envelope[]): Promise<orderer.BroadcastResponse[]> {
    const stream: ClientDuplexStream<common.Envelope, orderer.BroadcastResponse> = client.broadcast();
    const replies: orderer.BroadcastResponse[] = [];
    const done = new Promise<void>((resolve, reject) => {
      stream.on('data', (reply: orderer.BroadcastResponse) => {
        replies.push(reply);
        if (replies.length === envelopes.length) resolve();
      });
      stream.on('error', reject);
    });
    for (const envelope of envelopes) stream.write(envelope);
    await done;
    stream.end();
    return replies;
  }

  async function deliver(from: number, count: number): Promise<common.Block[]> {
    const stream = client.deliver();
    const blocks: common.Block[] = [];
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (response: orderer.DeliverResponse) => {
        const block = response.getBlock();
        if (block) blocks.push(block);
        if (blocks.length === count) resolve();
      });
      stream.on('error', reject);
      const platform = crypto.orgs.platform;
      const peerSigner = createSigner(
        platform!.mspId,
        platform!.node.identity.certPem,
        platform!.node.identity.keyPem,
      );
      stream.write(seekEnvelope(def.channel, from, peerSigner));
    });
    stream.cancel();
    return blocks;
  }

  it('admits signed transactions and refuses bad signatures, other channels and oversized messages', async () => {
    const replies = await broadcast([
      transaction(def.channel, user),
      transaction(def.channel, user, 10, false),
      transaction('elsewhere', user),
      transaction(def.channel, user, def.batch.absoluteMaxBytes + 1),
    ]);
    expect(replies.map((r) => r.getStatus())).toEqual([
      common.Status.SUCCESS,
      common.Status.FORBIDDEN,
      common.Status.NOT_FOUND,
      common.Status.BAD_REQUEST,
    ]);
  });

  it('writes hash-chained blocks that Deliver streams from the genesis block', async () => {
    await broadcast([transaction(def.channel, user), transaction(def.channel, user)]);
    await node.chain.flush();
    const height = node.chain.heights.height;
    const blocks = await deliver(0, height);
    expect(blocks.map((b) => b.getHeader()?.getNumber())).toEqual([...Array(height).keys()]);
    for (let i = 1; i < blocks.length; i++) {
      const header = blocks[i]!.getHeader()!;
      expect(Buffer.from(header.getPreviousHash_asU8())).toEqual(
        Buffer.from(headerHash(blocks[i - 1]!.getHeader()!)),
      );
      expect(Buffer.from(header.getDataHash_asU8())).toEqual(Buffer.from(dataHash(blocks[i]!.getData()!)));
    }
    expect(blocks.slice(1).reduce((n, b) => n + b.getData()!.getDataList().length, 0)).toBe(3);
  });

  it('resumes from its stored blocks after a restart', async () => {
    const before = node.chain.heights.height;
    client.close();
    await node.stop();
    await start();
    expect(node.chain.heights.height).toBe(before);
    await broadcast([transaction(def.channel, user)]);
    await node.chain.flush();
    const [block] = await deliver(before, 1);
    expect(block?.getHeader()?.getNumber()).toBe(before);
  });
});
