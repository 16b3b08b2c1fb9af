// @claimtrail/claims/testing: builders with valid defaults and the given/when/then kit, for specs in this library
// and for the end-to-end suites. Not part of the published build.
export * from './claim-story.js';
export * from './submission.builders.js';
export * from './denial-appeal.builders.js';
export * from './payment.builders.js';
export * from './patient.builders.js';
export * from './follow-up.builders.js';
export * from './claim-histories.js';
export * from './stored-events.js';
export * from './decider-spec-kit.js';
export * from './recording-vault.js';
export * from './command-story.js';
export * from './deep-freeze.js';
