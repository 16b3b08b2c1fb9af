export { generateBook } from './book.generator.js';
export { bookEvents, replayBookClaim, type BookEvent } from './book-events.js';
export type { Book, BookClaim, BookOptions, BookStep, StepBody } from './book.types.js';
export { SEED_PAYERS, type PayerHabits, type SeedPayer } from './payer.catalog.js';
export { SeededRandom } from './seeded-random.js';
