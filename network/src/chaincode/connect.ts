import * as grpc from '@grpc/grpc-js';
import { peer } from '@hyperledger/fabric-protos';
import { lenientClient } from '../grpc/codec';
import { ChaincodeSupportError } from './errors';
import { chaincodeMessage } from './messages';

/** TLS settings for dialling a chaincode server. */
export interface ChaincodeTlsOptions {
  /** PEM of the CA that issued the chaincode server's certificate. */
  rootCertPem: string;
  /** Client certificate and key, for servers that require mutual TLS. */
  clientCertPem?: string;
  clientKeyPem?: string;
  /** Host name expected in the server certificate when it differs from the address. */
  serverNameOverride?: string;
}

/** Where and how to reach a chaincode-as-a-service server. */
export interface ConnectChaincodeOptions {
  /** host:port of the chaincode server. */
  address: string;
  /** The chaincode id the server must register with (its --chaincode-id). */
  chaincodeId: string;
  tls?: ChaincodeTlsOptions;
  /** How long to wait for the server and its REGISTER; default 10 s. */
  connectTimeoutMs?: number;
}

/** A registered, ready stream to a chaincode server. */
export interface OpenedStream {
  client: peer.ChaincodeClient;
  call: grpc.ClientDuplexStream<peer.ChaincodeMessage, peer.ChaincodeMessage>;
}

const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  // Blocks and range results can be large; Fabric peers allow 100 MB.
  'grpc.max_receive_message_length': 100 * 1024 * 1024,
  'grpc.max_send_message_length': 100 * 1024 * 1024,
};

function credentials(tls: ChaincodeTlsOptions | undefined): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(
    Buffer.from(tls.rootCertPem),
    tls.clientKeyPem ? Buffer.from(tls.clientKeyPem) : null,
    tls.clientCertPem ? Buffer.from(tls.clientCertPem) : null,
  );
}

/**
 * Dials `protos.Chaincode/Connect` and performs the handshake: the chaincode speaks first with
 * REGISTER carrying its id; the peer answers REGISTERED, then READY.
 */
export async function openChaincodeStream(opts: ConnectChaincodeOptions): Promise<OpenedStream> {
  const timeoutMs = opts.connectTimeoutMs ?? 10_000;
  const options: grpc.ChannelOptions = { ...CHANNEL_OPTIONS };
  if (opts.tls?.serverNameOverride) options['grpc.ssl_target_name_override'] = opts.tls.serverNameOverride;
  // Lenient serializers: another loaded copy of the protos (the gateway client's) may own the message classes.
  const ChaincodeClient = lenientClient(peer.ChaincodeClient, peer.ChaincodeService);
  const client = new ChaincodeClient(opts.address, credentials(opts.tls), options);
  try {
    await new Promise<void>((resolve, reject) => {
      client.waitForReady(Date.now() + timeoutMs, (err) => {
        if (err) reject(registrationError(`cannot reach chaincode server ${opts.address}: ${err.message}`));
        else resolve();
      });
    });
    const call = client.connect();
    await handshake(call, opts.chaincodeId, timeoutMs);
    return { client, call };
  } catch (err) {
    client.close();
    throw err;
  }
}

function registrationError(message: string): ChaincodeSupportError {
  return new ChaincodeSupportError('REGISTRATION_FAILED', message);
}

function handshake(
  call: grpc.ClientDuplexStream<peer.ChaincodeMessage, peer.ChaincodeMessage>,
  chaincodeId: string,
  timeoutMs: number,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (message: string): void => {
      cleanup();
      call.cancel();
      reject(registrationError(message));
    };
    const onData = (msg: peer.ChaincodeMessage): void => {
      if (msg.getType() === peer.ChaincodeMessage.Type.KEEPALIVE) return;
      if (msg.getType() !== peer.ChaincodeMessage.Type.REGISTER) {
        fail(`chaincode sent ${msg.getType()} before registering`);
        return;
      }
      const name = peer.ChaincodeID.deserializeBinary(msg.getPayload_asU8()).getName();
      if (name === '') {
        fail('error in handling register chaincode, chaincodeID name is empty');
        return;
      }
      if (name !== chaincodeId) {
        fail(`chaincode registered as '${name}', expected '${chaincodeId}'`);
        return;
      }
      cleanup();
      call.write(chaincodeMessage(peer.ChaincodeMessage.Type.REGISTERED, '', ''));
      call.write(chaincodeMessage(peer.ChaincodeMessage.Type.READY, '', ''));
      resolve();
    };
    const onEnd = (err?: Error): void => {
      fail(`chaincode stream ended during registration${err ? `: ${err.message}` : ''}`);
    };
    const timer = setTimeout(() => {
      fail(`chaincode did not register within ${timeoutMs} ms`);
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      call.off('data', onData);
      call.off('error', onEnd);
      call.off('end', onEnd);
    };
    call.on('data', onData);
    call.on('error', onEnd);
    call.on('end', onEnd);
  });
}
