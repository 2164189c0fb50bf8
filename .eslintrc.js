/**
 * ESLint for the whole repository (ESLint 8, eslintrc format).
 *
 * - Shipped code (webparts extensions core services ui) and jobs/: the SPFx React profile
 *   (@microsoft/eslint-config-spfx) with type-aware rules, React hooks, and the layer rules from
 *   tools/eslint/layers.js (no-restricted-imports per folder, no dangerouslySetInnerHTML outside
 *   ui/SafeHtml.tsx, no javascript: URLs).
 * - workbench/ and tests/: a relaxed Node config; they may import anything, but nothing shipped
 *   imports them.
 *
 * The SPFx build runs the same config through gulpfile.js (task "eslint"), which fails the ship build.
 */
require('@rushstack/eslint-config/patch/modern-module-resolution');
const { SHIPPED, SAFE_HTML_FILE, restrictedImportsFor, restrictedSyntaxFor } = require('./tools/eslint/layers');

const exts = '{ts,tsx}';

/** The SPFx generator's rule set (gulp flavour, React profile), kept close to the template. */
const spfxRules = {
  // React and Graph use null idiomatically (a component renders null, a user has no manager).
  '@rushstack/no-new-null': 0,
  '@rushstack/hoist-jest-mock': 1,
  '@rushstack/import-requires-chunk-name': 1,
  '@rushstack/pair-react-dom-render-unmount': 1,
  '@rushstack/security/no-unsafe-regexp': 1,
  '@typescript-eslint/adjacent-overload-signatures': 1,
  '@typescript-eslint/explicit-function-return-type': [
    1,
    { allowExpressions: true, allowTypedFunctionExpressions: true, allowHigherOrderFunctions: false }
  ],
  '@typescript-eslint/explicit-member-accessibility': 0,
  '@typescript-eslint/no-array-constructor': 1,
  '@typescript-eslint/no-explicit-any': 1,
  '@typescript-eslint/no-floating-promises': 2,
  '@typescript-eslint/no-for-in-array': 2,
  '@typescript-eslint/no-misused-new': 2,
  '@typescript-eslint/no-namespace': [1, { allowDeclarations: false, allowDefinitionFiles: false }],
  '@typescript-eslint/parameter-properties': 0,
  '@typescript-eslint/no-unused-vars': [1, { vars: 'all', args: 'none' }],
  '@typescript-eslint/no-use-before-define': [
    2,
    { functions: false, classes: true, variables: true, enums: true, typedefs: true }
  ],
  '@typescript-eslint/no-var-requires': 'error',
  '@typescript-eslint/prefer-namespace-keyword': 1,
  '@typescript-eslint/no-inferrable-types': 0,
  '@typescript-eslint/no-empty-interface': 0,
  'accessor-pairs': 1,
  'dot-notation': [1, { allowPattern: '^_' }],
  eqeqeq: 1,
  'for-direction': 1,
  'guard-for-in': 2,
  'max-lines': ['warn', { max: 2000 }],
  'no-async-promise-executor': 2,
  'no-caller': 2,
  'no-compare-neg-zero': 2,
  'no-cond-assign': 2,
  'no-constant-condition': 1,
  'no-control-regex': 2,
  'no-debugger': 1,
  'no-delete-var': 2,
  'no-duplicate-case': 2,
  'no-empty': 1,
  'no-empty-character-class': 2,
  'no-empty-pattern': 1,
  'no-eval': 2,
  'no-ex-assign': 2,
  'no-extend-native': 1,
  'no-extra-label': 1,
  'no-fallthrough': 2,
  'no-func-assign': 1,
  'no-implied-eval': 2,
  'no-invalid-regexp': 2,
  'no-label-var': 2,
  'no-lone-blocks': 1,
  'no-misleading-character-class': 2,
  'no-multi-str': 2,
  'no-new': 1,
  'no-new-func': 2,
  'no-new-object': 2,
  'no-new-wrappers': 1,
  'no-octal': 2,
  'no-octal-escape': 2,
  'no-regex-spaces': 2,
  'no-return-assign': 2,
  // The SharePoint Online CSP blocks javascript: URLs; they are also an XSS vector.
  'no-script-url': 2,
  'no-self-assign': 2,
  'no-self-compare': 2,
  'no-sequences': 1,
  'no-shadow-restricted-names': 2,
  'no-sparse-arrays': 2,
  'no-throw-literal': 2,
  'no-unmodified-loop-condition': 1,
  'no-unsafe-finally': 2,
  'no-unused-expressions': 1,
  'no-unused-labels': 1,
  'no-useless-catch': 1,
  'no-useless-concat': 1,
  'no-var': 2,
  'no-void': 1,
  'no-with': 2,
  'prefer-const': 1,
  'promise/param-names': 2,
  'require-atomic-updates': 2,
  'require-yield': 1,
  strict: [2, 'never'],
  'use-isnan': 2,
  'no-extra-boolean-cast': 0,
  '@microsoft/spfx/no-require-ensure': 2,
  'react-hooks/rules-of-hooks': 2,
  'react-hooks/exhaustive-deps': 1
};

/** One override per shipped folder: its layer rules (ESLint replaces, not merges, rule options). */
const layerOverrides = SHIPPED.map((folder) => ({
  files: [`${folder}/**/*.${exts}`],
  excludedFiles: folder === 'ui' ? [SAFE_HTML_FILE] : [],
  rules: {
    'no-restricted-imports': ['error', restrictedImportsFor(folder)],
    'no-restricted-syntax': ['error', ...restrictedSyntaxFor(`${folder}/any.tsx`)]
  }
}));

module.exports = {
  root: true,
  extends: ['@microsoft/eslint-config-spfx/lib/profiles/react'],
  parserOptions: { tsconfigRootDir: __dirname },
  ignorePatterns: [
    'node_modules/',
    'lib/',
    'lib-*/',
    'dist/',
    'release/',
    'temp/',
    'coverage/',
    'sharepoint/solution/',
    'workbench/.build/',
    '*.d.ts',
    '*.scss.ts'
  ],
  overrides: [
    {
      // Shipped code and jobs: the SPFx rule set with type information.
      files: SHIPPED.map((folder) => `${folder}/**/*.${exts}`),
      parser: '@typescript-eslint/parser',
      parserOptions: {
        project: './tools/eslint/tsconfig.lint.json',
        ecmaVersion: 2020,
        sourceType: 'module'
      },
      rules: spfxRules
    },
    ...layerOverrides,
    {
      // The one component that sanitises with DOMPurify may set inner HTML.
      files: [SAFE_HTML_FILE],
      rules: {
        'no-restricted-imports': ['error', restrictedImportsFor('ui')],
        'no-restricted-syntax': ['error', ...restrictedSyntaxFor(SAFE_HTML_FILE)]
      }
    },
    {
      // Dev-only code (local tenant, workbench pages) and tests: Node, no type-aware rules.
      files: [`workbench/**/*.${exts}`, `tests/**/*.${exts}`],
      parser: '@typescript-eslint/parser',
      parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
      env: { node: true, browser: true, es2022: true, jest: true },
      rules: {
        '@typescript-eslint/no-explicit-any': 0,
        '@typescript-eslint/no-non-null-assertion': 0,
        '@typescript-eslint/no-unused-vars': [1, { vars: 'all', args: 'none' }],
        '@typescript-eslint/no-var-requires': 0,
        'no-script-url': 2,
        'react-hooks/rules-of-hooks': 2
      }
    }
  ]
};
