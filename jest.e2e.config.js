/**
 * Browser journeys: Playwright (playwright-core) driving Debian's Chromium against the local
 * workbench started in-process on a free port with a fresh database. `npm run test:e2e`.
 */
const base = require('./jest.config.js');
const node = base.projects[0];

module.exports = {
  ...node,
  displayName: 'e2e',
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'],
  testTimeout: 120000,
  maxWorkers: 1
};
