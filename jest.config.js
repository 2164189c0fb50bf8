/**
 * Jest 29 + ts-jest over tests/ (the SPFx toolchain's bundled Jest 25 is not used).
 * - unit and integration tests run in Node;
 * - component tests (tests/components) run in jsdom with Testing Library.
 * PnPjs v4 ships ES modules only, so it is transformed to CommonJS like our own code.
 * SPFx localized string files (AMD `define(...)`) are turned into CommonJS modules.
 */
const tsJest = [
  'ts-jest',
  {
    tsconfig: {
      isolatedModules: true,
      module: 'commonjs',
      target: 'es2020',
      jsx: 'react',
      allowJs: true,
      esModuleInterop: true,
      skipLibCheck: true,
      experimentalDecorators: true
    },
    diagnostics: false
  }
];

const common = {
  transform: {
    '(ui|webparts|extensions|workbench)/(.*/)?loc/[^/]+\\.js$': '<rootDir>/tests/support/amd-transform.js',
    '^.+\\.(t|j)sx?$': tsJest
  },
  transformIgnorePatterns: ['/node_modules/(?!(@pnp)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  rootDir: __dirname
};

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'node',
      testEnvironment: '<rootDir>/tests/support/node-environment.js',
      testMatch: ['<rootDir>/tests/{unit,integration,config}/**/*.test.ts']
    },
    {
      ...common,
      displayName: 'components',
      testEnvironment: 'jsdom',
      setupFilesAfterEnv: ['<rootDir>/tests/support/jest-dom.ts'],
      testMatch: ['<rootDir>/tests/components/**/*.test.tsx']
    }
  ]
};
