import {
  Server,
  ServerCredentials,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { lenientService } from './codec';
import { SERVER_OPTIONS } from './options';

/** The TLS key pair a node serves with. */
export interface ServerTls {
  readonly certPem: string;
  readonly keyPem: string;
}

/** A service to mount: its grpc-js definition and camelCase implementation. */
export interface ServiceBinding {
  readonly definition: ServiceDefinition;
  readonly implementation: UntypedServiceImplementation;
}

/** A listening gRPC server. */
export interface RunningServer {
  /** The bound port (the chosen one when 0 was asked for). */
  readonly port: number;
  /** Stops accepting calls, waits up to `graceMs` for calls in flight, then cancels the rest. */
  stop(graceMs?: number): Promise<void>;
}

/** The port a node asked for is held by another process. */
export class PortInUseError extends Error {
  /** Stable code for callers and the CLI. */
  readonly code = 'PORT_IN_USE';
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`port ${port} on ${host} is already in use; free it or set another port in the network definition`);
    this.name = 'PortInUseError';
  }
}

/** Starts a TLS gRPC server on `host:port` (port 0 picks a free one) with the given services. */
export async function startGrpcServer(opts: {
  host: string;
  port: number;
  tls: ServerTls;
  services: readonly ServiceBinding[];
}): Promise<RunningServer> {
  const server = new Server(SERVER_OPTIONS);
  for (const service of opts.services)
    server.addService(lenientService(service.definition), service.implementation);
  const credentials = ServerCredentials.createSsl(
    null,
    [{ cert_chain: Buffer.from(opts.tls.certPem), private_key: Buffer.from(opts.tls.keyPem) }],
    false,
  );
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${opts.host}:${opts.port}`, credentials, (err, bound) => {
      if (err) {
        reject(
          /EADDRINUSE|address already in use/i.test(err.message)
            ? new PortInUseError(opts.host, opts.port)
            : err,
        );
      } else {
        resolve(bound);
      }
    });
  });
  return {
    port,
    stop: (graceMs = 1000) => stopServer(server, graceMs),
  };
}

function stopServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
