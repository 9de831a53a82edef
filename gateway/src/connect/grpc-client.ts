import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { ConfigurationError } from '../errors/gateway-error';

/** Where and how to reach one peer's Gateway service. */
export interface PeerEndpoint {
  /** `host:port` to dial. */
  readonly endpoint: string;
  /** The TLS CA certificate (PEM) of the peer's org, as a file path or the PEM itself. */
  readonly tlsCaFile?: string;
  /** The TLS CA certificate (PEM) itself; wins over `tlsCaFile`. */
  readonly tlsCaPem?: string;
  /** The host name in the peer's TLS certificate; needed because we dial 127.0.0.1. */
  readonly tlsHostName: string;
}

/**
 * Opens one TLS gRPC client for a peer, overriding the TLS host name so that a peer reached on
 * loopback still proves the name in its certificate.
 * @throws {@link ConfigurationError} `TLS_CA_UNREADABLE` when the CA cannot be read
 */
export function newPeerClient(peer: PeerEndpoint): grpc.Client {
  const caPem = peer.tlsCaPem ?? readCa(peer.tlsCaFile);
  return new grpc.Client(peer.endpoint, grpc.credentials.createSsl(Buffer.from(caPem)), {
    'grpc.ssl_target_name_override': peer.tlsHostName,
    // Keep idle connections alive so a long event stream notices a dead peer.
    'grpc.keepalive_time_ms': 60_000,
    'grpc.keepalive_timeout_ms': 20_000,
  });
}

function readCa(file: string | undefined): string {
  if (!file) throw new ConfigurationError('TLS_CA_UNREADABLE', 'no TLS CA certificate given for the peer');
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigurationError('TLS_CA_UNREADABLE', `cannot read TLS CA certificate ${file}`, { cause });
  }
}
