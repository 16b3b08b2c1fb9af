// Builders with valid defaults for tests outside this library (end-to-end suites, benchmarks).
export * from './domain/claim.builders.js';
