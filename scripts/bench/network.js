'use strict';
// Starts an embedded network for a benchmark in a background process (as `up --detached` runs
// it), connects the unmodified fabric-gateway client to it, and knows the pids whose CPU time
// the suites report.
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { common } = require('@hyperledger/fabric-protos');
const { connectProfileGateway, startEmbeddedNetwork, stateLayout } = require('../../network/dist/runtime');

/** Pids of the background network process and of the chaincode servers, from their pid files. */
function networkPids(stateDir) {
  const runDir = stateLayout(stateDir).runDir;
  const read = (file) => Number(readFileSync(join(runDir, file), 'utf8').trim());
  const files = readdirSync(runDir).filter((f) => f.endsWith('.pid'));
  return {
    network: files.filter((f) => f === 'network.pid').map(read),
    chaincode: files.filter((f) => f.startsWith('chaincode-')).map(read),
  };
}

/**
 * Starts a network from `definition` serving `chaincodeDir`, and returns how long it took to be
 * callable, the profile, a connect(org, user) that opens gateway connections (closed by stop),
 * the pids, and stop() which removes the state directory.
 */
async function startBenchNetwork({ definition, chaincodeDir }) {
  const stateDir = mkdtempSync(join(tmpdir(), 'alliance-bench-'));
  const t0 = performance.now();
  let network;
  try {
    network = await startEmbeddedNetwork({ definition, stateDir, chaincodeDir, detached: true });
  } catch (err) {
    rmSync(stateDir, { recursive: true, force: true });
    throw err;
  }
  const readyMs = performance.now() - t0;
  const profile = JSON.parse(readFileSync(network.profilePath, 'utf8'));
  const connections = [];
  return {
    readyMs: Number(readyMs.toFixed(0)),
    profile,
    stateDir,
    pids: () => networkPids(stateDir),
    connect(org, user) {
      const connection = connectProfileGateway(profile, org, user);
      connections.push(connection);
      return connection.gateway;
    },
    async stop() {
      for (const connection of connections) connection.close();
      await network.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** The definition with every port picked free, so a bench never collides with a running network. */
function withFreePorts(definition) {
  return {
    ...definition,
    orderer: { ...definition.orderer, port: 0 },
    orgs: definition.orgs.map((org) => ({ ...org, peer: { ...org.peer, port: 0 } })),
  };
}

/** The chain height as a peer reports it (qscc GetChainInfo through the gateway). */
function chainHeight(gateway, channel) {
  const qscc = gateway.getNetwork(channel).getContract('qscc');
  return async () =>
    common.BlockchainInfo.deserializeBinary(
      await qscc.evaluateTransaction('GetChainInfo', channel),
    ).getHeight();
}

module.exports = { chainHeight, networkPids, startBenchNetwork, withFreePorts };
