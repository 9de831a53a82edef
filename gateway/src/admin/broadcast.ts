import { common, orderer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { Metadata, type Client } from '@grpc/grpc-js';
import type { AllianceConnection } from '../connect/connection';
import { newPeerClient, type PeerEndpoint } from '../connect/grpc-client';
import type { LoadedIdentity } from '../connect/identity';
import { signLowS } from '../connect/signer';
import { AdminError } from './errors';
import { signatureHeader } from './update-file';

const STATUS_NAMES: Readonly<Record<number, string>> = {
  200: 'SUCCESS',
  400: 'BAD_REQUEST',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'REQUEST_ENTITY_TOO_LARGE',
  500: 'INTERNAL_SERVER_ERROR',
  501: 'NOT_IMPLEMENTED',
  503: 'SERVICE_UNAVAILABLE',
};

/** The orderer's answer to one broadcast envelope. */
export interface BroadcastResult {
  readonly status: number;
  readonly statusName: string;
  readonly info: string;
}

/**
 * Wraps a ConfigUpdateEnvelope in a CONFIG_UPDATE transaction envelope signed by the submitter, as
 * `peer channel update` does: channel header (type CONFIG_UPDATE, channel, timestamp), signature
 * header (creator, nonce), the envelope as data, and the submitter's signature over the payload.
 */
export function configUpdateTransaction(
  envelope: common.ConfigUpdateEnvelope,
  channelId: string,
  submitter: LoadedIdentity,
  now = new Date(),
): common.Envelope {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.CONFIG_UPDATE);
  channelHeader.setChannelId(channelId);
  const ts = new Timestamp();
  ts.setSeconds(Math.floor(now.getTime() / 1000));
  channelHeader.setTimestamp(ts);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader(submitter).serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(envelope.serializeBinary());
  const bytes = payload.serializeBinary();
  const tx = new common.Envelope();
  tx.setPayload(bytes);
  tx.setSignature(signLowS(submitter.privateKey, bytes));
  return tx;
}

/**
 * Sends one envelope to the orderer's AtomicBroadcast.Broadcast and returns its status.
 * @throws {@link AdminError} `BROADCAST_REFUSED` when the orderer cannot be reached or answers nothing
 */
export function broadcast(
  endpoint: PeerEndpoint,
  envelope: common.Envelope,
  timeoutMs = 30_000,
): Promise<BroadcastResult> {
  const client: Client = newPeerClient(endpoint);
  return new Promise<BroadcastResult>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: BroadcastResult | Error): void => {
      if (settled) return;
      settled = true;
      call.cancel();
      client.close();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const call = client.makeBidiStreamRequest(
      '/orderer.AtomicBroadcast/Broadcast',
      (e: common.Envelope) => Buffer.from(e.serializeBinary()),
      (b: Buffer) => orderer.BroadcastResponse.deserializeBinary(b),
      new Metadata(),
      { deadline: Date.now() + timeoutMs },
    );
    call.on('data', (r: orderer.BroadcastResponse) => {
      finish({
        status: r.getStatus(),
        statusName: STATUS_NAMES[r.getStatus()] ?? String(r.getStatus()),
        info: r.getInfo(),
      });
    });
    call.on('error', (e: Error) => {
      finish(
        new AdminError(
          'BROADCAST_REFUSED',
          `the orderer at ${endpoint.endpoint} could not be reached: ${e.message}`,
          { cause: e },
        ),
      );
    });
    call.on('end', () => {
      finish(
        new AdminError(
          'BROADCAST_REFUSED',
          `the orderer at ${endpoint.endpoint} closed the stream without an answer`,
        ),
      );
    });
    call.write(envelope);
  });
}

/** The orderer endpoint of the connection's profile. */
export function ordererEndpoint(conn: AllianceConnection): PeerEndpoint {
  const o = conn.profile?.orderer;
  if (!o)
    throw new AdminError(
      'BROADCAST_REFUSED',
      'no orderer endpoint: connect through a connection profile that names the orderer',
    );
  return { endpoint: o.endpoint, tlsCaFile: o.tlsCaFile, tlsHostName: o.tlsHostName };
}
