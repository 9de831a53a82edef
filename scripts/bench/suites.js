'use strict';
// The benchmark suites `npm run bench` runs, in order; each exports { name, run({ counts,
// progress }) } and its result lands under `name` in the printed JSON. Add a suite by adding
// its module here; BENCH_ONLY=name1,name2 runs a subset.
module.exports = [require('./asset'), require('./alliance')];
