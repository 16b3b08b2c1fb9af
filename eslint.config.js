import tseslint from 'typescript-eslint';

const frameworkImports = [
  '@nestjs/*',
  'typeorm',
  'graphql',
  'class-validator',
  'class-transformer',
  'pg',
  '@apollo/*',
  '@eventstore/*',
];

const domainImportPatterns = [
  {
    group: frameworkImports,
    message: 'The claims domain is pure TypeScript: no Nest, TypeORM, GraphQL or driver imports.',
  },
  { group: ['@claimtrail/*'], message: 'The claims domain depends on no other library.' },
  {
    // At any depth: the lifecycle areas are folders inside the domain.
    group: ['**/application/**', '**/read-models/**', '**/graphql/**'],
    message: 'The domain does not import outer layers.',
  },
];

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'coverage/**', '.claimtrail/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@claimtrail/*/*', '!@claimtrail/*/testing'],
              message:
                'Import a library through @claimtrail/<lib> (tests may use @claimtrail/<lib>/testing).',
            },
            {
              group: ['**/libs/*/src/**', '../../*/src/**'],
              message: 'Import another library through @claimtrail/<lib>, not by path.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.contract.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The domain is pure: a replay must not depend on a framework, a database or the clock.
    files: ['libs/claims/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: domainImportPatterns }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time is injected: pass it in the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Time is injected: pass it in the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Ids are injected: pass them in the command.',
        },
      ],
    },
  },
  {
    // The demo-data generator is a function of (claims, seed, today): the same three must give the same book.
    files: ['libs/seed/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'today is an argument: never read the clock while generating.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'today is an argument: never read the clock while generating.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Use SeededRandom: the book must come out the same for the same seed.',
        },
      ],
    },
  },
  {
    // Builders and the spec kit serve the specs beside the domain's code, never the code itself.
    files: ['libs/claims/src/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...domainImportPatterns,
            {
              group: ['**/testing', '**/testing/**'],
              message: 'The domain does not import its test builders.',
            },
          ],
        },
      ],
    },
  },
);
