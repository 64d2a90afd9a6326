/** Unit specs live beside the code; integration tests with real services live under test/. */
const transform = {
  // Transpile only: the type check runs once in `npm run typecheck`, not per test file.
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
};
module.exports = {
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>/src', '<rootDir>/simulators', '<rootDir>/bench'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      slowTestThreshold: 30,
    },
  ],
};
