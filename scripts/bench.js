#!/usr/bin/env node
'use strict';
// `npm run bench`: builds, then measures the embedded network on this machine and prints JSON
// only (progress goes to stderr). The network runs in its own background process (as `up
// --detached` runs it) and this process is the client, with the unmodified fabric-gateway
// client signing through node:crypto (its custom-signer hook).
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { cpus, loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { defaultNetworkDefinition } = require('../network/dist/definition');
const { connectProfileGateway, startEmbeddedNetwork } = require('../network/dist/runtime');
const { benchGatewayLibrary } = require('./bench/gateway');

const ROOT = join(__dirname, '..');
const ASSET_CHAINCODE = join(ROOT, 'test', 'network', 'fixtures', 'asset-chaincode');
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 200);
const EVALUATIONS = Number(process.env.BENCH_EVALUATIONS ?? 500);
const LOAD = { 16: Number(process.env.BENCH_TX_16 ?? 1500), 64: Number(process.env.BENCH_TX_64 ?? 3000) };

const progress = (line) => process.stderr.write(`bench: ${line}\n`);

function threeOrgDefinition() {
  const def = defaultNetworkDefinition();
  return {
    ...def,
    chaincode: { name: 'assets', version: '1.0', path: ASSET_CHAINCODE },
    orderer: { ...def.orderer, port: 0 },
    orgs: def.orgs.slice(0, 3).map((org) => ({ ...org, peer: { ...org.peer, port: 0 } })),
    batch: { ...def.batch, cutOnDrain: true },
    endorsementPolicy: 'MAJORITY Endorsement',
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}

function latencies(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), count: sorted.length };
}

let counter = 0;
const createArgs = () => {
  counter += 1;
  return [`asset-${process.pid}-${counter}`, 'blue', '5', 'Tomoko', '300'];
};

async function runLoad(contract, concurrency, total) {
  let next = 0;
  let failed = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      next += 1;
      try {
        await contract.submitTransaction('CreateAsset', ...createArgs());
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    concurrency,
    transactions: total,
    failed,
    seconds: Number(seconds.toFixed(2)),
    committedTxPerSec: Number(((total - failed) / seconds).toFixed(1)),
  };
}

async function benchThreeOrgs() {
  const stateDir = mkdtempSync(join(tmpdir(), 'alliance-bench-'));
  const definition = threeOrgDefinition();
  progress('starting a 3-org network (MAJORITY endorsement) in a background process');
  const t0 = performance.now();
  const network = await startEmbeddedNetwork({
    definition,
    stateDir,
    chaincodeDir: ASSET_CHAINCODE,
    detached: true,
  });
  const readyMs = performance.now() - t0;
  const profile = JSON.parse(readFileSync(network.profilePath, 'utf8'));
  const connection = connectProfileGateway(profile, 'platform', 'User1');
  try {
    const contract = connection.gateway.getNetwork(definition.channel).getContract('assets');
    for (let i = 0; i < 20; i++) await contract.submitTransaction('CreateAsset', ...createArgs());

    progress(`${SEQUENTIAL} sequential submissions`);
    const submitSamples = [];
    const seqStart = performance.now();
    let lastId = '';
    for (let i = 0; i < SEQUENTIAL; i++) {
      const args = createArgs();
      lastId = args[0];
      const t = performance.now();
      await contract.submitTransaction('CreateAsset', ...args);
      submitSamples.push(performance.now() - t);
    }
    const seqSeconds = (performance.now() - seqStart) / 1000;

    progress(`${EVALUATIONS} sequential evaluations`);
    const evaluateSamples = [];
    for (let i = 0; i < EVALUATIONS; i++) {
      const t = performance.now();
      await contract.evaluateTransaction('ReadAsset', lastId);
      evaluateSamples.push(performance.now() - t);
    }

    const throughput = [
      {
        concurrency: 1,
        transactions: SEQUENTIAL,
        failed: 0,
        seconds: Number(seqSeconds.toFixed(2)),
        committedTxPerSec: Number((SEQUENTIAL / seqSeconds).toFixed(1)),
      },
    ];
    for (const concurrency of [16, 64]) {
      progress(`${LOAD[concurrency]} submissions at concurrency ${concurrency}`);
      throughput.push(await runLoad(contract, concurrency, LOAD[concurrency]));
    }
    return {
      topology: {
        orgs: 3,
        peers: 3,
        orderers: 1,
        endorsement: 'MAJORITY Endorsement (2 of 3)',
        chaincode: 'CreateAsset/ReadAsset (chaincode-as-a-service)',
        blockCutting: 'cut on drain',
      },
      readyMs: Number(readyMs.toFixed(0)),
      submit: latencies(submitSamples),
      evaluate: latencies(evaluateSamples),
      throughput,
    };
  } finally {
    connection.close();
    await network.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function main() {
  const loadBefore = loadavg()[0];
  const threeOrg = await benchThreeOrgs();
  const gatewayLibrary = await benchGatewayLibrary(progress);
  const result = {
    // Load average before and after: other work on the machine slows every figure.
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverage1m: { before: Number(loadBefore.toFixed(2)), after: Number(loadavg()[0].toFixed(2)) },
    },
    targets: { committedTxPerSec: 300, submitP50Ms: 20, evaluateP50Ms: 3, readyMs: 3000 },
    threeOrgCreateAsset: threeOrg,
    gatewayLibrary,
    allianceFiveOrg: {
      measured: false,
      reason: 'the alliance chaincode scenario is not part of this benchmark yet',
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err && err.stack ? err.stack : String(err)}\n`);
  process.exit(1);
});
