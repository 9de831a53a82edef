'use strict';
// The benchmark suites `npm run bench` runs, in order; each is { name, run({ counts, progress }) }
// and its result lands under `name` in the printed JSON. Add a suite by adding its module here;
// BENCH_ONLY=name1,name2 runs a subset.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

/** The member library's facade-versus-raw-client figures (scripts/bench/gateway.js), once it is there. */
const gatewayLibrary = {
  name: 'gatewayLibrary',
  run: ({ progress }) => require('./gateway').benchGatewayLibrary(progress),
};

module.exports = [
  require('./asset'),
  require('./alliance'),
  ...(existsSync(join(__dirname, 'gateway.js')) ? [gatewayLibrary] : []),
];
