/** Architecture rules from docs/architecture.md (Dependency rules), enforced in `npm run check`. */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core/** imports only core/** and pure libraries (docs/architecture.md rule 1).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        pathNot: [
          '^src/core/',
          'node_modules/(graphology|graphology-[a-z-]+|graphology-types|zod|obliterator|events|mnemonist)/',
        ],
      },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-layering',
      comment:
        'model <- topology <- pathcomp <- intent; topology <- twin <- assurance (docs/architecture.md rule 2).',
      severity: 'error',
      from: { path: '^src/core/(model)/' },
      to: { path: '^src/core/(topology|pathcomp|intent|twin|assurance)/' },
    },
    {
      name: 'topology-below-pathcomp',
      severity: 'error',
      from: { path: '^src/core/topology/' },
      to: { path: '^src/core/(pathcomp|intent|twin|assurance)/' },
    },
    {
      name: 'pathcomp-below-intent',
      severity: 'error',
      from: { path: '^src/core/pathcomp/' },
      to: { path: '^src/core/(intent|twin|assurance)/' },
    },
    {
      name: 'intent-not-twin',
      severity: 'error',
      from: { path: '^src/core/intent/' },
      to: { path: '^src/core/(twin|assurance)/' },
    },
    {
      name: 'app-not-adapters',
      comment:
        'app/** imports core and ports, never adapters (docs/architecture.md rule 3); test fixtures may drive real adapters.',
      severity: 'error',
      from: { path: '^src/app/', pathNot: '/__fixtures__/' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'src-not-simulators',
      comment:
        'The simulator is the real network; the controller never imports it (docs/architecture.md rule 5).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^simulators/' },
    },
    {
      name: 'simulator-own-forwarding',
      comment: 'The simulator may reuse core/model and topology parsing, never the path computation.',
      severity: 'error',
      from: { path: '^simulators/' },
      to: { path: '^src/(core/(pathcomp|intent|twin|assurance)|app|api|adapters)/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
