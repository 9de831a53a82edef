#!/usr/bin/env node
'use strict';
// `npm run bench`: builds, then measures the embedded network on this machine and prints JSON
// only (progress goes to stderr). Each suite (scripts/bench/suites.js) starts its own network in
// a background process (as `up --detached` runs it); this process is the client, with the
// unmodified fabric-gateway client signing through node:crypto (its custom-signer hook).
// Counts: BENCH_SEQUENTIAL, BENCH_EVALUATIONS, BENCH_TX_16, BENCH_TX_64; BENCH_ONLY picks suites.
const { cpus, loadavg } = require('node:os');
const suites = require('./bench/suites');

const counts = {
  sequential: Number(process.env.BENCH_SEQUENTIAL ?? 200),
  evaluations: Number(process.env.BENCH_EVALUATIONS ?? 500),
  loads: [
    [16, Number(process.env.BENCH_TX_16 ?? 1500)],
    [64, Number(process.env.BENCH_TX_64 ?? 3000)],
  ],
};
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const progress = (line) => process.stderr.write(`bench: ${line}\n`);

async function main() {
  const loadBefore = loadavg()[0];
  const results = {};
  for (const suite of suites) {
    if (only && !only.has(suite.name)) continue;
    results[suite.name] = await suite.run({ counts, progress });
  }
  const output = {
    // Load average before and after: other work on the machine slows every wall-clock figure;
    // cpuMsPerTx (network process, chaincode servers, this client) does not depend on it.
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverage1m: { before: Number(loadBefore.toFixed(2)), after: Number(loadavg()[0].toFixed(2)) },
    },
    targets: { committedTxPerSec: 300, submitP50Ms: 20, evaluateP50Ms: 3, readyMs: 3000 },
    ...results,
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err && err.stack ? err.stack : String(err)}\n`);
  process.exit(1);
});
