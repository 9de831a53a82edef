// Two projects: `unit` (pure rules, models, contracts on the in-memory ledger; milliseconds each)
// and `integration` (real processes on loopback: the embedded network, the chaincode server,
// the gateway client). Integration files end in `.int.test.ts`.
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  // Mutation-testing sandboxes hold a second copy of every package.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  moduleNameMapper: {
    '^@alliance/(chaincode|network|gateway)$': '<rootDir>/$1/src',
    '^@alliance/(chaincode|network|gateway)/(.*)$': '<rootDir>/$1/src/$2',
  },
};

module.exports = {
  // Contract tests issue real certificates and run Fabric's dispatcher; a busy machine needs headroom.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$'],
    },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.int.test.ts'] },
  ],
};
