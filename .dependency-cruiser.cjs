// The folder rules of docs/architecture.md, checked on every `npm test`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ holds contract and domain logic: nothing outside shared/, no node: modules, no I/O.',
      severity: 'error',
      from: { path: '^shared/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: ['^shared/', '^node_modules/(zod|date-fns)/'],
      },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-without-electron',
      comment: 'electron/core is a plain Node library: it never imports electron, the shells or the renderer.',
      severity: 'error',
      from: { path: '^electron/core/' },
      to: { path: ['^node_modules/electron/', '^electron/(main|preload|browser-shell)/', '^renderer/', '^server/'] },
    },
    {
      name: 'core-no-electron-module',
      severity: 'error',
      from: { path: '^electron/core/' },
      to: { path: '^electron$', dependencyTypes: ['npm', 'npm-dev', 'unknown', 'undetermined'] },
    },
    {
      name: 'preload-only-shared',
      comment: 'The preload sees the contract and electron, nothing of the core.',
      severity: 'error',
      from: { path: '^electron/preload/' },
      to: { path: ['^electron/(core|main|browser-shell)/', '^renderer/', '^server/'] },
    },
    {
      name: 'main-no-renderer',
      severity: 'error',
      from: { path: '^electron/main/' },
      to: { path: ['^electron/browser-shell/', '^renderer/', '^server/'] },
    },
    {
      name: 'browser-shell-scope',
      severity: 'error',
      from: { path: '^electron/browser-shell/' },
      to: { path: ['^electron/(main|preload)/', '^renderer/src/', '^server/', '^node_modules/electron/'] },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The renderer talks to the core only through window.api.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^electron/', '^server/', '^bench/'] },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^renderer/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'server-only-shared',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: ['^electron/', '^renderer/'] },
    },
    {
      name: 'e2e-only-shared-types',
      severity: 'error',
      from: { path: '^e2e/' },
      to: { path: ['^electron/', '^renderer/', '^server/'] },
    },
    {
      name: 'app-never-imports-build-or-bench',
      severity: 'error',
      from: { path: '^(shared|electron|renderer|server)/' },
      to: { path: ['^build/', '^bench/', '^e2e/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
