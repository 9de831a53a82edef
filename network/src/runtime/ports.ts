import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { PortInUseError } from '../grpc/server';

/** Asks the OS for a free loopback port (bind to 0, read it, release it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** `port`, or a free one when it is 0. */
export function portOrFree(port: number): Promise<number> {
  return port === 0 ? freePort() : Promise.resolve(port);
}

/** Where the OS picks ports for outgoing connections (Linux's default when it cannot be read). */
function ephemeralRange(): { low: number; high: number } {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low && high) return { low, high };
  } catch {
    // not Linux: use the default below
  }
  return { low: 32768, high: 60999 };
}

function bindable(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, host, () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

/**
 * A free loopback port for a listener that binds it only later (a process started afterwards, a
 * peer that waits to join): picked at random below the OS's range for outgoing connections, so
 * that no connection made in between (a peer dialling the orderer) can take it, as one can take
 * a port from {@link freePort}. Falls back to {@link freePort} when no port there is free.
 */
export async function listenerPort(host = '127.0.0.1'): Promise<number> {
  const { low } = ephemeralRange();
  const floor = Math.min(20_000, Math.max(1024, low - 4096));
  for (let attempt = 0; attempt < 50 && low - floor > 0; attempt++) {
    const port = floor + Math.floor(Math.random() * (low - floor));
    if (await bindable(port, host)) return port;
  }
  return freePort(host);
}

/**
 * Refuses, with the port named, to start nodes on ports another process already listens on:
 * a real Fabric binary started there would only fail later, in its own log.
 * @throws PortInUseError for the first taken port
 */
export async function assertPortsFree(ports: readonly number[], host = '127.0.0.1'): Promise<void> {
  for (const port of ports) if (!(await bindable(port, host))) throw new PortInUseError(host, port);
}
