/** Boundaries of the code, checked by `npm run lint` (docs/adr/0003-library-layout.md draws them). */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No module may depend on itself through others, type-only imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The claims domain imports nothing outside itself: no framework, no driver, no other library.',
      from: { path: '^libs/claims/src/domain/' },
      to: {
        pathNot: ['^libs/claims/src/domain/', '^node_modules/@types/node/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'domain-uses-no-node-builtins',
      severity: 'error',
      from: { path: '^libs/claims/src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'application-is-not-an-adapter',
      severity: 'error',
      comment: 'Command handlers use ports; GraphQL, read models and TypeORM are adapters around them.',
      from: { path: '^libs/claims/src/application/' },
      to: {
        path: [
          '^libs/claims/src/(graphql|read-models)/',
          '^node_modules/typeorm/',
          '^node_modules/(@nestjs/graphql|graphql)/',
        ],
      },
    },
    {
      name: 'read-models-do-not-reach-back',
      severity: 'error',
      comment:
        'A read model (entity, migration, projection, queries) reads events and writes rows; only its resolver and GraphQL types may use the GraphQL layer.',
      from: { path: '^libs/claims/src/read-models/', pathNot: '\\.(resolver|type|input)\\.ts$' },
      to: { path: '^libs/claims/src/(application|graphql)/' },
    },
    {
      name: 'seed-is-pure',
      severity: 'error',
      comment:
        'The demo-data generator is a pure function of (claims, seed, today): it uses the claims domain through its entry point and nothing else, no framework, driver or clock.',
      from: { path: '^libs/seed/' },
      to: {
        pathNot: ['^libs/seed/', '^libs/claims/src/index\\.ts$', '^node_modules/@types/node/'],
      },
    },
    {
      name: 'audit-depends-on-platform-only',
      severity: 'error',
      comment:
        'The PHI access log records reads for every feature, so it knows none of them: claims mark their patient fields, the audit library records whatever is marked.',
      from: { path: '^libs/audit/' },
      to: { path: '^libs/(?!(audit|platform)/)' },
    },
    {
      name: 'patients-is-an-adapter-of-claims',
      severity: 'error',
      comment:
        "The patient vault implements the claims application's port: it knows the platform, the database and the claims entry point, and no other feature; the claims library never knows it.",
      from: { path: '^libs/patients/' },
      to: { path: '^libs/(?!(patients|platform|database|claims)/)' },
    },
    {
      name: 'prom-client-at-the-edge',
      severity: 'error',
      comment:
        "Features declare observer ports and are handed implementations: only the platform's and the composition root's metrics folders know prom-client.",
      from: { pathNot: '^libs/(platform|composition)/src/metrics/' },
      to: { path: '^node_modules/prom-client/' },
    },
    {
      name: 'opentelemetry-at-the-edge',
      severity: 'error',
      comment:
        "Features declare observer ports and are handed implementations: only the platform's and the composition root's tracing folders know OpenTelemetry, its API included.",
      from: { pathNot: '^libs/(platform|composition)/src/tracing/' },
      to: { path: '^node_modules/@opentelemetry/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'platform-depends-on-no-feature',
      severity: 'error',
      comment: 'The platform is what every library shares, so it depends on none of them.',
      from: { path: '^libs/platform/' },
      to: { path: '^libs/(?!platform/)' },
    },
    {
      name: 'libs-through-their-entry-point',
      severity: 'error',
      comment:
        'Another library is used through @claimtrail/<lib> (its src/index.ts) or its testing entry point.',
      from: { path: '^libs/([^/]+)/' },
      to: {
        path: '^libs/[^/]+/src/',
        pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$', '^libs/[^/]+/src/testing(/|\\.ts$)'],
      },
    },
    {
      name: 'apps-through-entry-points',
      severity: 'error',
      from: { path: '^(apps|test|bench)/' },
      to: {
        path: '^libs/[^/]+/src/',
        pathNot: ['^libs/[^/]+/src/index\\.ts$', '^libs/[^/]+/src/testing(/|\\.ts$)'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '\\.(spec|int-spec|e2e-spec)\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@claimtrail/source', 'import', 'types', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
