'use strict';
// Figures every benchmark suite reports: latency percentiles, closed-loop throughput, and the
// CPU time the processes involved spent, read from /proc (Linux) for the background network and
// chaincode processes and from process.cpuUsage() for this client process.
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** The p-th percentile of sorted samples, rounded to 0.01 ms; null when there are none. */
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}

/** p50/p99 of latency samples in ms. */
function latencies(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), count: sorted.length };
}

/**
 * User+system CPU ms of a process from /proc (all its threads), or of its main thread alone
 * (`/proc/<pid>/task/<pid>`, the event loop); undefined when it cannot be read.
 */
function processCpuMs(pid, mainThreadOnly = false) {
  try {
    const stat = readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * Samples CPU time of the network's processes (by pid) and of this client, so a phase can
 * report CPU ms per operation, which stays meaningful when the machine is busy.
 * @param pids () => { network: number[], chaincode: number[] }
 */
function cpuMeter(pids) {
  const read = () => {
    const { network, chaincode } = pids();
    const sum = (list, mainThreadOnly) =>
      list.reduce((total, pid) => total + (processCpuMs(pid, mainThreadOnly) ?? 0), 0);
    const own = process.cpuUsage();
    return {
      network: sum(network),
      // The network's event loop: every node shares it, so it is the serial bottleneck.
      networkEventLoop: sum(network, true),
      chaincode: sum(chaincode),
      client: (own.user + own.system) / 1000,
    };
  };
  return {
    start() {
      const before = read();
      return (operations) => {
        const after = read();
        const per = (key) => Number(((after[key] - before[key]) / operations).toFixed(3));
        return {
          network: per('network'),
          networkEventLoop: per('networkEventLoop'),
          chaincode: per('chaincode'),
          client: per('client'),
        };
      };
    },
  };
}

/**
 * Runs `operation` `total` times with `concurrency` callers in a closed loop (each starts its
 * next call when the previous one returns) and reports completed operations per second.
 */
async function closedLoop(operation, concurrency, total) {
  let next = 0;
  let failed = 0;
  const errors = new Map();
  const samples = [];
  const started = performance.now();
  const caller = async () => {
    while (next < total) {
      next += 1;
      const t = performance.now();
      try {
        await operation();
        samples.push(performance.now() - t);
      } catch (err) {
        failed += 1;
        const message = String(err && err.message ? err.message : err).slice(0, 160);
        errors.set(message, (errors.get(message) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  const seconds = (performance.now() - started) / 1000;
  return {
    concurrency,
    transactions: total,
    failed,
    ...(errors.size > 0 ? { errors: Object.fromEntries(errors) } : {}),
    seconds: Number(seconds.toFixed(2)),
    committedTxPerSec: Number(((total - failed) / seconds).toFixed(1)),
    latency: latencies(samples),
  };
}

/**
 * The standard run of one transaction and one query: sequential submits (latency and tx/s at
 * concurrency 1), sequential evaluations, then closed-loop loads at each concurrency, each phase
 * with its CPU ms per operation and, for submits, the blocks cut (`height()` reads the chain
 * height), which shows how the orderer batched.
 */
async function standardRun({ submit, evaluate, meter, counts, progress, height }) {
  const phase = async (label, operations, run) => {
    progress(label);
    const before = await height();
    const stop = meter.start();
    const result = await run();
    const cpuMsPerOp = stop(operations);
    const blocks = (await height()) - before;
    return { result, cpuMsPerOp, blocks };
  };
  const batching = (load) => ({
    blocks: load.blocks,
    txPerBlock: load.blocks > 0 ? Number((load.result.transactions / load.blocks).toFixed(2)) : null,
  });
  const sequential = await phase(`${counts.sequential} sequential submissions`, counts.sequential, () =>
    closedLoop(submit, 1, counts.sequential),
  );
  const evaluations = await phase(`${counts.evaluations} sequential evaluations`, counts.evaluations, () =>
    closedLoop(evaluate, 1, counts.evaluations),
  );
  const throughput = [
    { ...withoutLatency(sequential.result), cpuMsPerTx: sequential.cpuMsPerOp, ...batching(sequential) },
  ];
  for (const [concurrency, total] of counts.loads) {
    const load = await phase(`${total} submissions at concurrency ${concurrency}`, total, () =>
      closedLoop(submit, concurrency, total),
    );
    throughput.push({ ...load.result, cpuMsPerTx: load.cpuMsPerOp, ...batching(load) });
  }
  return {
    submit: sequential.result.latency,
    evaluate: {
      ...evaluations.result.latency,
      failed: evaluations.result.failed,
      cpuMsPerEval: evaluations.cpuMsPerOp,
    },
    throughput,
  };
}

function withoutLatency(result) {
  const { latency, ...rest } = result;
  void latency;
  return rest;
}

module.exports = { closedLoop, cpuMeter, latencies, percentile, processCpuMs, standardRun };
