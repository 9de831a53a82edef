import { credentials, type ChannelCredentials, type ChannelOptions } from '@grpc/grpc-js';
import { CHANNEL_OPTIONS } from './options';

/** Where and how to reach another node over TLS. */
export interface Endpoint {
  /** host:port, normally 127.0.0.1:<port>. */
  readonly address: string;
  /** PEM of the TLS CA that issued the node's server certificate. */
  readonly tlsCaPem: string;
  /** A host name in the node's certificate; dialling an IP with TLS needs it (grpc-js DEP0123). */
  readonly tlsHostName: string;
}

/** TLS credentials and channel options to dial `endpoint` with any grpc-js client class. */
export function dialParams(endpoint: Endpoint): {
  address: string;
  credentials: ChannelCredentials;
  options: ChannelOptions;
} {
  return {
    address: endpoint.address,
    credentials: credentials.createSsl(Buffer.from(endpoint.tlsCaPem)),
    options: {
      ...CHANNEL_OPTIONS,
      'grpc.ssl_target_name_override': endpoint.tlsHostName,
      'grpc.default_authority': endpoint.tlsHostName,
    },
  };
}

/** A constructor of a generated grpc-js client. */
export type ClientConstructor<C> = new (
  address: string,
  creds: ChannelCredentials,
  options?: ChannelOptions,
) => C;

/** Creates a client of `Ctor` for `endpoint`. */
export function dial<C>(Ctor: ClientConstructor<C>, endpoint: Endpoint): C {
  const params = dialParams(endpoint);
  return new Ctor(params.address, params.credentials, params.options);
}
