import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ClaimError,
  SubmitClaimCommand,
  UpdateClaimCommand,
  type ClaimChange,
  type CommandResult,
  type SubmitClaim,
} from '@claimtrail/claims';
import { ChangePayerRulesHandler } from '@claimtrail/payers';
import { CLOCK, type Clock } from '@claimtrail/platform';
import { generateBook, type Book, type BookClaim, type StepBody } from '@claimtrail/seed';
import { InvalidArgumentError, type Command } from 'commander';
import { progressBar } from './progress-bar.js';
import { CliFailure, writeLine, type CliContext } from './cli-context.js';

const ACTOR = 'claimtrail-seed';
/** Claims written at once: enough to keep the database busy, few enough for the embedded one's single connection. */
const CONCURRENCY = 8;

function wholeNumber(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > max)
      throw new InvalidArgumentError(`${name} must be a whole number from 0 to ${max}`);
    return n;
  };
}

/**
 * `seed`: a realistic book of demo claims, written through the command bus as the GraphQL mutations write (payer
 * rules looked up, deadlines and validation applied), each command at its business time. The book is a pure function
 * of (claims, seed, today): every command has a stable id, so seeding the same book again writes nothing twice.
 */
export function seedCommand(program: Command, context: CliContext): void {
  program
    .command('seed')
    .description(
      'a realistic, reproducible book of demo claims (30+ payers, 18 months) written through the claim commands; ' +
        'progress on stderr, a one-line JSON summary on stdout',
    )
    .requiredOption('--claims <n>', 'how many claims', wholeNumber('--claims', 10_000_000))
    .option(
      '--seed <s>',
      'the same seed on the same day gives the same claims',
      wholeNumber('--seed', 0xffff_ffff),
      1,
    )
    .action(async (options: { claims: number; seed: number }) => {
      const app = await context.app();
      const today = app.get<Clock>(CLOCK).now();
      const book = generateBook({ claims: options.claims, seed: options.seed, today });
      const payerEvents = await createPayers(app, book, today);
      const started = performance.now();
      const claimEvents = await writeClaims(app.get(CommandBus), book);
      writeLine({
        claims: book.claims,
        events: payerEvents + claimEvents,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        seed: book.seed,
        today: book.today,
      });
    });
}

/**
 * The book's payers, through the payers library as upsertPayer stores them: claims filed next use their rules. A payer
 * that already has them records nothing. Resolves with the events the payers' streams hold.
 */
async function createPayers(app: INestApplicationContext, book: Book, now: Date): Promise<number> {
  const payers = app.get(ChangePayerRulesHandler);
  let events = 0;
  for (const { payerId, name, rules } of book.payers) {
    const { timelyFilingDays, appealWindowDays, responseDays } = rules;
    const payer = await payers.execute(
      { payerId, name, timelyFilingDays, appealWindowDays: [...appealWindowDays], responseDays },
      { actor: ACTOR, occurredAt: now },
    );
    events += payer.version;
  }
  return events;
}

/** Writes every claim, CONCURRENCY at a time, each claim's commands in order; resolves with the events written. */
async function writeClaims(bus: CommandBus, book: Book): Promise<number> {
  const bar = progressBar('claims');
  const started = performance.now();
  let next = 0;
  let done = 0;
  let events = 0;
  let failure: unknown;
  bar.update(0, book.claims, 0);
  const worker = async () => {
    while (next < book.claims && failure === undefined) {
      const claim = book.claim(next++);
      try {
        // Awaited first: `events += await ...` would read the total before the wait and lose the other workers' counts.
        const written = await writeClaim(bus, claim);
        events += written;
      } catch (error) {
        failure ??= refusal(claim, error);
        return;
      }
      done++;
      bar.update(done, book.claims, done / Math.max((performance.now() - started) / 1000, 0.001));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, book.claims) }, worker));
  } finally {
    bar.stop();
  }
  if (failure !== undefined) throw failure;
  return events;
}

/** One claim's commands, in order, each with its stable command id and business time; the events its stream holds. */
async function writeClaim(bus: CommandBus, claim: BookClaim): Promise<number> {
  let result: CommandResult | undefined;
  for (const { commandId, occurredAt, body } of claim.steps) {
    const context = { actor: ACTOR, commandId, correlationId: claim.claimId, occurredAt };
    if (body.type === 'SubmitClaim') {
      // The handler looks the payer's rules up, as it does for the API: those the book's payers were stored with.
      const { type: _type, payerRules: _rules, ...submitted } = body as StepBody<SubmitClaim>;
      result = await bus.execute(new SubmitClaimCommand(submitted, context));
    } else {
      result = await bus.execute(new UpdateClaimCommand(claim.claimId, body as ClaimChange, context));
    }
  }
  return result === undefined ? 0 : result.version + 1;
}

function refusal(claim: BookClaim, error: unknown): unknown {
  if (!(error instanceof ClaimError)) return error;
  const hint =
    error.code === 'COMMAND_ID_REUSED'
      ? ': this seed was already seeded on another day; use another --seed or an empty database'
      : '';
  return new CliFailure(`claim ${claim.claimId} was refused (${error.code}) ${error.message}${hint}`);
}
