export * from './claim.codes.js';
export * from './claim.commands.js';
export * from './claim.errors.js';
export * from './claim.events.js';
export * from './claim.state.js';
export * from './claim.stream.js';
export { decide } from './claim.decide.js';
export { evolve } from './claim.evolve.js';
export { upcastClaimEvent, isClaimEventType, type StoredClaimEvent } from './claim.upcast.js';
