import type { ClaimCommand } from '@claimtrail/claims';
import type { SeedPayer } from './payer.catalog.js';

/** A claim command as its sender states it: the business time travels beside it, as the executor takes it. */
export type StepBody<C extends ClaimCommand = ClaimCommand> = C extends unknown
  ? Omit<C, 'occurredAt'>
  : never;

/** One command of a claim's story, on its business date. */
export interface BookStep {
  /** Stable across runs, so that seeding the same book again writes nothing twice. */
  commandId: string;
  /** ISO-8601 instant (UTC), never after the day before `today`. */
  occurredAt: string;
  body: StepBody;
}

export interface BookClaim {
  /** 0-based position in the book; claim `index` is the same whatever the book's size. */
  index: number;
  claimId: string;
  payerId: string;
  /** In business-time order; the first submits the claim. */
  steps: BookStep[];
}

export interface BookOptions {
  claims: number;
  /** A whole number from 0 to 2^32 - 1. */
  seed: number;
  /** The day the book is seeded on (the injected clock's now): service dates lie in the 18 months before it. */
  today: Date | string;
}

export interface Book {
  claims: number;
  seed: number;
  /** YYYY-MM-DD. */
  today: string;
  /** The payers the claims are filed with, to create before the claims. */
  payers: readonly SeedPayer[];
  /** Claim `index` (0 to claims - 1), computed on demand. */
  claim(index: number): BookClaim;
  /** Every claim in order, computed lazily: a book of a million claims is never held in memory at once. */
  [Symbol.iterator](): Iterator<BookClaim>;
}
