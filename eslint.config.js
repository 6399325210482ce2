// ESLint flat config: typescript-eslint, react-hooks for the client, and the layer rule
// (eslint-plugin-boundaries). The layers are described once, in LAYER and MAY_IMPORT below.
import path from 'node:path';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';

// Test code: unit tests next to the code, the suites in test/, the benchmark, the store contract
// suites every adapter runs, and the test doubles of domain and client.
const TEST_FILES = [
  '**/*.test.{ts,tsx}',
  'test/**',
  'bench/**',
  'server/store/contract*.ts',
  'server/domain/testing/**',
  'client/src/testing/**',
];
// Packages only test code may use.
const TEST_PACKAGES = ['vitest', '@vitest/*', '@testing-library/*', 'happy-dom', 'playwright-core', 'supertest'];
const PRODUCT_FILES = ['server/**/*.{ts,tsx}', 'shared/**/*.{ts,tsx}', 'client/src/**/*.{ts,tsx}'];

// ---------------------------------------------------------------------------------------------
// Layers (eslint-plugin-boundaries v7). Folders are elements; the few single files that form a
// layer of their own (server/errors.ts, server/index.ts, client/src/main.tsx, ...) are classified
// by file category. Patterns are relative to the repo root.
const ELEMENTS = [
  { type: 'test', pattern: ['test', 'bench', 'server/domain/testing', 'client/src/testing'] },
  { type: 'shared', pattern: 'shared' },
  { type: 'server-config', pattern: 'server/config' },
  { type: 'server-store', pattern: 'server/store' },
  { type: 'server-bus', pattern: 'server/bus' },
  { type: 'server-auth', pattern: 'server/auth' },
  { type: 'server-mail', pattern: 'server/mail' },
  { type: 'server-domain', pattern: 'server/domain' },
  { type: 'server-collab', pattern: 'server/collab' },
  { type: 'server-http', pattern: 'server/http' },
  { type: 'server-realtime', pattern: 'server/realtime' },
  { type: 'server-cli', pattern: 'server/cli' },
  { type: 'server-demo', pattern: 'server/demo' },
  { type: 'client-state', pattern: 'client/src/state' },
  { type: 'client-api', pattern: 'client/src/api' },
  { type: 'client-realtime', pattern: 'client/src/realtime' },
  { type: 'client-collab', pattern: 'client/src/collab' },
  { type: 'client-ui', pattern: 'client/src/ui' },
].map((e) => ({ ...e, partialMatch: false }));

const FILES = [
  { category: 'test', pattern: ['**/*.test.{ts,tsx}', 'server/store/contract*.ts'] },
  { category: 'server-foundation', pattern: ['server/errors.ts', 'server/logger.ts'] },
  { category: 'server-app', pattern: ['server/index.ts', 'server/parley.ts'] },
  { category: 'client-main', pattern: ['client/src/main.tsx', 'client/src/styles.css'] },
  { category: 'tooling', pattern: ['eslint.config.js', 'vitest.config.ts', 'client/vite.config.ts', 'tools/**'] },
];

const element = (...types) => ({ element: { types: { anyOf: types } } });
const category = (name) => ({ file: { categories: name } });

// Each layer, as the files that make it up.
const LAYER = {
  shared: [element('shared')],
  foundation: [element('server-config'), category('server-foundation')],
  store: [element('server-store')],
  bus: [element('server-bus')],
  auth: [element('server-auth')],
  mail: [element('server-mail')],
  domain: [element('server-domain')],
  collab: [element('server-collab')],
  http: [element('server-http')],
  realtime: [element('server-realtime')],
  app: [element('server-cli', 'server-demo'), category('server-app')],
  clientState: [element('client-state')],
  clientApi: [element('client-api')],
  clientRealtime: [element('client-realtime')],
  clientCollab: [element('client-collab')],
  clientUi: [element('client-ui')],
  clientMain: [category('client-main')],
  tooling: [category('tooling')],
  test: [element('test'), category('test')],
};

// What each layer may import besides itself. npm packages and node: builtins are allowed to all,
// except that only tests (and tooling) may use TEST_PACKAGES.
const SERVER_BASE = ['shared', 'foundation'];
const MAY_IMPORT = {
  shared: [],
  foundation: ['shared'],
  // Infrastructure: store is its bottom; bus and auth may use store, not each other.
  store: [...SERVER_BASE],
  bus: [...SERVER_BASE, 'store'],
  auth: [...SERVER_BASE, 'store'],
  // Outgoing e-mail: infrastructure beside auth (issue 15); the domain sends through it.
  mail: [...SERVER_BASE],
  domain: [...SERVER_BASE, 'store', 'bus', 'auth', 'mail'],
  collab: [...SERVER_BASE, 'store', 'bus', 'auth', 'domain'],
  // Transports: collab and below, never each other.
  http: [...SERVER_BASE, 'store', 'bus', 'auth', 'mail', 'domain', 'collab'],
  realtime: [...SERVER_BASE, 'store', 'bus', 'auth', 'mail', 'domain', 'collab'],
  app: [...SERVER_BASE, 'store', 'bus', 'auth', 'mail', 'domain', 'collab', 'http', 'realtime'],
  // Client: the lower modules never import ui. api and state use each other
  // (api/client reads state/tokens; state/session calls api/endpoints).
  clientState: ['shared', 'clientApi'],
  clientApi: ['shared', 'clientState'],
  clientRealtime: ['shared', 'clientApi', 'clientState'],
  clientCollab: ['shared', 'clientApi', 'clientState'],
  clientUi: ['shared', 'clientState', 'clientApi', 'clientRealtime', 'clientCollab'],
  clientMain: ['shared', 'clientState', 'clientApi', 'clientRealtime', 'clientCollab', 'clientUi'],
  tooling: [],
};

const layerPolicies = [
  // npm packages and node builtins: anyone (test-only packages are taken back below).
  { allow: { to: { module: { origin: ['external', 'core'] } } } },
  ...Object.entries(MAY_IMPORT).map(([from, to]) => ({
    from: LAYER[from],
    allow: { to: [from, ...to].flatMap((name) => LAYER[name]) },
  })),
  // Product code never imports test code or test-only packages (policies later in the list win)...
  { disallow: { to: LAYER.test }, message: 'product code may not import test code' },
  {
    disallow: { to: { module: { origin: 'external', source: TEST_PACKAGES } } },
    message: 'product code may not import test-only packages ({{ to.module.source }})',
  },
  // ...while tests may import anything, and build configuration may use test packages (vitest.config.ts).
  { from: LAYER.tooling, allow: { to: { module: { origin: 'external' } } } },
  { from: LAYER.test, allow: { to: { module: { origin: ['local', 'external', 'core'] } } } },
];

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'client/dist/**',
      'coverage/**',
      'data/**',
      'bench/results/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,

  // TypeScript everywhere.
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // The layer rule.
  {
    files: ['**/*.{ts,tsx,js,cjs,mjs}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      'boundaries/files': FILES,
      'boundaries/root-path': import.meta.dirname,
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'boundaries/legacy-templates': false,
      'import/resolver': { [path.join(import.meta.dirname, 'tools/eslint-ts-resolver.cjs')]: {} },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          // Also check imports inside one element (e.g. a domain file importing a domain test helper).
          checkInternals: true,
          // Also check npm packages and builtins (for the test-only packages).
          checkAllOrigins: true,
          policies: layerPolicies,
        },
      ],
      // Every local import must land in a known layer: this also catches imports the resolver missed.
      'boundaries/no-unknown-dependencies': 'error',
      // Every linted file must belong to a layer (or be test code or tooling): a new folder needs an entry above.
      'boundaries/no-unknown-files': 'error',
    },
  },

  // Product code.
  {
    files: PRODUCT_FILES,
    ignores: TEST_FILES,
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // With verbatimModuleSyntax, `import { type A }` still loads the module: use `import type { A }`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'max-lines': ['warn', { max: 300, skipBlankLines: false, skipComments: false }],
    },
  },

  // Client: React hooks.
  {
    files: ['client/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },

  // Tests: looser where the rules do not fit test code.
  {
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      // Fakes and handlers in tests often take arguments they do not look at.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'none', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },

  // CommonJS tooling.
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Build tooling as plain Node.js ES modules (tools/build*.mjs: run by npm start before any build exists).
  {
    files: ['tools/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
