import { randomUUID } from 'node:crypto';
import {
  addDays,
  CLAIM_EVENT_SCHEMA_VERSIONS,
  claimDecider,
  claimStreamName,
  insuranceBalance,
  isValidNpi,
  patientBalance,
  type AdjustmentGroup,
  type ClaimCommand,
  type ClaimState,
  type PayerRules,
} from '@claimtrail/claims';

/**
 * A book of claims for the benchmarks, until libs/seed lands: each claim's story is a list of commands run through
 * the domain's own decider (decide, then evolve), so every stored event is one the application could have written.
 * Business dates spread over the 18 months before today; payers answer at their own pace; a share of claims is
 * rejected, pended, denied, appealed, reversed, billed to the patient or written off. Events come out in log order
 * (by recordedAt across all claims), the way a live system would have interleaved them.
 */
export interface BookOptions {
  claims: number;
  seed: number;
  /** The instant the book is generated for; no event is recorded after it. */
  now: Date;
}

export interface BookEvent {
  streamName: string;
  version: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: {
    actor: string;
    occurredAt: string;
    commandId: string;
    correlationId: string;
    causationId: string;
  };
  recordedAt: string;
}

export interface BookStats {
  claims: number;
  events: number;
  /** Steps the decider refused (a story cut short there); should stay near zero. */
  refused: number;
}

const DAY = 86_400_000;
const HISTORY_DAYS = 548;

const PAYERS: { id: string; rules: PayerRules; speed: number }[] = [
  {
    id: 'MCRTX',
    rules: { timelyFilingDays: 365, appealWindowDays: [120, 180, 60, 60, 60], responseDays: 30 },
    speed: 1,
  },
  { id: 'MCDTX', rules: { timelyFilingDays: 95, appealWindowDays: [120, 60], responseDays: 45 }, speed: 1.4 },
  {
    id: 'BCBSTX',
    rules: { timelyFilingDays: 180, appealWindowDays: [180, 90], responseDays: 30 },
    speed: 0.9,
  },
  {
    id: 'AETNA',
    rules: { timelyFilingDays: 120, appealWindowDays: [180, 60], responseDays: 30 },
    speed: 0.8,
  },
  { id: 'UHC', rules: { timelyFilingDays: 90, appealWindowDays: [365, 90], responseDays: 30 }, speed: 1.1 },
  { id: 'CIGNA', rules: { timelyFilingDays: 90, appealWindowDays: [180], responseDays: 30 }, speed: 1 },
  {
    id: 'HUMANA',
    rules: { timelyFilingDays: 180, appealWindowDays: [60, 60], responseDays: 30 },
    speed: 1.2,
  },
  {
    id: 'TRICARE',
    rules: { timelyFilingDays: 365, appealWindowDays: [90, 90], responseDays: 40 },
    speed: 1.3,
  },
  { id: 'WELLCARE', rules: { timelyFilingDays: 120, appealWindowDays: [60], responseDays: 35 }, speed: 1.5 },
  { id: 'MOLINA', rules: { timelyFilingDays: 120, appealWindowDays: [90], responseDays: 45 }, speed: 1.6 },
  { id: 'AMBETTER', rules: { timelyFilingDays: 90, appealWindowDays: [180], responseDays: 30 }, speed: 1.2 },
  { id: 'KAISER', rules: { timelyFilingDays: 365, appealWindowDays: [180], responseDays: 20 }, speed: 0.7 },
];
const PROCEDURES = [
  { code: '99213', cents: 12_000 },
  { code: '99214', cents: 18_000 },
  { code: '99215', cents: 26_000 },
  { code: '93000', cents: 4_500 },
  { code: '80053', cents: 3_800 },
  { code: '71046', cents: 9_500 },
  { code: '36415', cents: 1_500 },
  { code: '97110', cents: 7_000 },
  { code: '20610', cents: 22_000 },
  { code: 'J1100', cents: 2_400 },
];
const DIAGNOSES = ['E11.9', 'I10', 'J20.9', 'M54.2', 'R51.9', 'E78.5', 'K21.9', 'N39.0', 'J45.909', 'Z00.00'];
const DENIALS: { groupCode: AdjustmentGroup; carc: string; rarcs: string[]; weight: number }[] = [
  { groupCode: 'CO', carc: '50', rarcs: ['N115'], weight: 25 },
  { groupCode: 'CO', carc: '16', rarcs: ['M127'], weight: 20 },
  { groupCode: 'CO', carc: '197', rarcs: [], weight: 15 },
  { groupCode: 'CO', carc: '29', rarcs: [], weight: 8 },
  { groupCode: 'CO', carc: '97', rarcs: ['M80'], weight: 12 },
  { groupCode: 'CO', carc: '27', rarcs: [], weight: 6 },
  { groupCode: 'OA', carc: '18', rarcs: [], weight: 6 },
  { groupCode: 'PR', carc: '96', rarcs: ['N130'], weight: 8 },
];
const BILLERS = Array.from({ length: 25 }, (_, i) => `biller-${i + 1}`);

/** mulberry32: small, fast and good enough to spread a book; the same seed gives the same book. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function validNpis(count: number, next: () => number): string[] {
  const npis: string[] = [];
  while (npis.length < count) {
    const candidate = `1${String(Math.floor(next() * 1e9)).padStart(9, '0')}`;
    if (isValidNpi(candidate)) npis.push(candidate);
  }
  return npis;
}

/** A command as a story states it: the player adds the business time. */
type Step = ClaimCommand extends infer C
  ? C extends unknown
    ? Omit<C, 'occurredAt'> & { actor?: string }
    : never
  : never;

interface Story {
  streamName: string;
  events: BookEvent[];
  next: number;
}

/** Plays one claim: each step is decided against the state so far; a refused or future step ends the story. */
class ClaimPlayer {
  state: ClaimState = claimDecider.initialState();
  readonly events: BookEvent[] = [];
  private recordedAt = 0;
  private occurredAt = 0;
  refused = 0;
  stopped = false;

  constructor(
    private readonly claimId: string,
    private readonly now: number,
    private readonly next: () => number,
  ) {}

  /** Runs the command at business time `at` (ms); false when the story ends here. */
  play(at: number, command: Step): boolean {
    if (this.stopped) return false;
    const occurredAt = Math.max(at, this.occurredAt + 1000);
    // Most events are keyed in within hours; a few are late entries, recorded days after their business time.
    const delay = this.next() < 0.03 ? (1 + this.next() * 9) * DAY : (5 + this.next() * 240) * 60_000;
    const recordedAt = Math.max(occurredAt + delay, this.recordedAt + 1000);
    if (recordedAt > this.now) {
      this.stopped = true;
      return false;
    }
    const occurredIso = new Date(occurredAt).toISOString();
    let decided;
    try {
      decided = claimDecider.decide({ ...command, occurredAt: occurredIso } as ClaimCommand, this.state);
    } catch (error) {
      if (process.env.BOOK_DEBUG) console.log(command.type, (error as Error).message);
      this.refused++;
      this.stopped = true;
      return false;
    }
    const commandId = randomUUID();
    for (const event of decided) {
      this.state = claimDecider.evolve(this.state, event);
      this.events.push({
        streamName: claimStreamName(this.claimId),
        version: this.events.length,
        id: randomUUID(),
        type: event.type,
        schemaVersion: CLAIM_EVENT_SCHEMA_VERSIONS[event.type],
        data: event.data,
        metadata: {
          actor: command.actor ?? 'biller-1',
          occurredAt: occurredIso,
          commandId,
          correlationId: commandId,
          causationId: commandId,
        },
        recordedAt: new Date(recordedAt).toISOString(),
      });
    }
    this.occurredAt = occurredAt;
    this.recordedAt = recordedAt;
    return true;
  }

  get lastAt(): number {
    return this.occurredAt;
  }
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function pick<T>(list: readonly T[], next: () => number): T {
  return list[Math.floor(next() * list.length)]!;
}

function weighted<T extends { weight: number }>(list: readonly T[], next: () => number): T {
  let r = next() * list.reduce((sum, item) => sum + item.weight, 0);
  for (const item of list) if ((r -= item.weight) < 0) return item;
  return list[list.length - 1]!;
}

// Read through a function: the state changes inside play(), which TypeScript's narrowing cannot see.
const stateOf = (player: ClaimPlayer): ClaimState => player.state;
const overturned = (player: ClaimPlayer): boolean => {
  const state = stateOf(player);
  return (
    state.status === 'APPEALED' && state.appeal.outcome !== undefined && state.appeal.outcome !== 'UPHELD'
  );
};

/** One claim's whole story, from submission to wherever it stands today. */
function playClaim(index: number, start: number, now: number, npis: string[], next: () => number) {
  const claimId = `CLM-${String(index + 1).padStart(7, '0')}`;
  const player = new ClaimPlayer(claimId, now, next);
  const payer = PAYERS[Math.floor(Math.pow(next(), 1.6) * PAYERS.length)]!;
  const serviceDate = dateOf(start - Math.floor(1 + next() * 6) * DAY);
  const lineCount = 1 + Math.floor(next() * 3);
  const diagnoses = [...new Set([pick(DIAGNOSES, next), pick(DIAGNOSES, next)])];
  const lines = Array.from({ length: lineCount }, () => {
    const procedure = pick(PROCEDURES, next);
    return {
      procedureCode: procedure.code,
      modifiers: [],
      units: 1,
      chargeCents: Math.round(procedure.cents * (0.8 + next() * 0.6)),
      diagnosisPointers: [1],
      serviceDate,
    };
  });
  const days = (n: number) => n * DAY;
  const chance = (p: number) => next() < p;
  const actor = () => pick(BILLERS, next);
  let t = start;
  const step = (after: number, command: Step | ((at: number) => Step)) => {
    t = Math.max(t, player.lastAt) + after;
    return player.play(t, typeof command === 'function' ? command(t) : command);
  };
  const followUp = (after: number) =>
    step(after, (at) => ({
      type: 'LogFollowUp',
      channel: pick(['PHONE', 'PORTAL', 'EDI_276'] as const, next),
      outcome: 'Claim in process',
      nextActionDate: dateOf(at + days(10 + next() * 20)),
      actor: actor(),
    }));

  const submitted = player.play(start, {
    type: 'SubmitClaim',
    claimId,
    patientRef: `PT-${Math.floor(next() * 80_000)}`,
    providerNpi: pick(npis, next),
    payerId: payer.id,
    diagnoses,
    lines,
    payerRules: payer.rules,
  });
  if (!submitted) return player;
  if (chance(0.45)) step(days(next() * 3), { type: 'AssignClaim', assignee: actor(), actor: 'supervisor-1' });
  if (chance(0.05)) {
    step(days(1 + next()), { type: 'RejectClaim', statusCode: 'A7', reason: 'Invalid subscriber id' });
    step(days(1 + next() * 4), {
      type: 'ResubmitClaim',
      frequencyCode: '1',
      reason: 'Corrected subscriber id',
    });
  }
  if (chance(0.01)) {
    step(days(1 + next() * 10), { type: 'VoidClaim', reason: 'Duplicate of another claim' });
    return player;
  }
  if (chance(0.93))
    step(days(1 + next() * 3), {
      type: 'AcknowledgeClaim',
      payerClaimNumber: `PCN${index}`,
      statusCode: 'A2',
    });
  const response = () => days(payer.rules.responseDays * payer.speed * (0.3 + next() * 0.9));
  if (chance(0.08)) {
    step(days(5 + next() * 10), (at) => ({
      type: 'PendClaim',
      statusCode: 'R4',
      requested: 'Operative report',
      infoDueDate: dateOf(at + days(40)),
    }));
    if (chance(0.85))
      step(days(3 + next() * 15), { type: 'SubmitAdditionalInfo', description: 'Sent report' });
  }
  if (chance(0.45)) followUp(response());
  if (chance(0.2)) followUp(days(7 + next() * 14));

  const pay = (): boolean => {
    if (player.state.status === 'NONE') return false;
    const billed = insuranceBalance(player.state.money);
    const contractual = Math.round(billed * (0.15 + next() * 0.3));
    const patient = chance(0.6) ? Math.round((billed - contractual) * (0.1 + next() * 0.15)) : 0;
    const partialDenial = chance(0.12) && lines.length > 1 ? Math.round(billed * 0.1) : 0;
    const paid = billed - contractual - patient - partialDenial;
    const paidAt = t + response();
    const paymentId = `PAY-${player.events.length}`;
    return step(paidAt - t, {
      type: 'RecordPayment',
      paymentId,
      paidDate: dateOf(paidAt),
      paidCents: paid,
      adjustments: [
        { groupCode: 'CO', carc: '45', rarcs: [], amountCents: contractual },
        ...(patient > 0 ? [{ groupCode: 'PR' as const, carc: '2', rarcs: [], amountCents: patient }] : []),
        ...(partialDenial > 0
          ? [
              {
                groupCode: 'CO' as const,
                carc: '50',
                rarcs: ['N115'],
                amountCents: partialDenial,
                lineNumber: 2,
              },
            ]
          : []),
      ],
    });
  };

  const patientShare = () => {
    const state = stateOf(player);
    const billable =
      state.status === 'PAID' ||
      state.status === 'PARTIALLY_PAID' ||
      (state.status === 'DENIED' && state.denial.groupCode === 'PR');
    if (!billable) return;
    const owed = patientBalance(state.money);
    if (owed <= 0) return;
    const billed = step(days(3 + next() * 10), (at) => ({
      type: 'BillPatient',
      statementId: `STM-1`,
      amountCents: owed,
      dueDate: dateOf(at + days(35)),
    }));
    if (!billed) return;
    if (chance(0.65))
      step(days(7 + next() * 40), {
        type: 'RecordPatientPayment',
        paymentId: 'PP-1',
        amountCents: owed,
        method: 'card',
      });
    else if (chance(0.3)) step(days(90 + next() * 60), { type: 'WriteOffBalance', reason: 'BAD_DEBT' });
  };

  if (chance(0.78)) {
    if (!pay()) return player;
    if (chance(0.03)) {
      const paymentId = `PAY-${player.events.length - 1}`;
      step(days(5 + next() * 20), { type: 'ReversePayment', paymentId, reason: 'Payment posted in error' });
      if (!pay()) return player;
    }
    if (stateOf(player).status === 'PARTIALLY_PAID' && chance(0.4)) {
      step(days(10 + next() * 30), {
        type: 'AppealClaim',
        level: 1,
        reason: 'Line 2 was medically necessary',
      });
      step(days(30 + next() * 45), { type: 'DecideAppeal', outcome: chance(0.5) ? 'OVERTURNED' : 'UPHELD' });
      if (overturned(player)) pay();
    }
    patientShare();
    return player;
  }

  const denial = weighted(DENIALS, next);
  const billed = player.state.status === 'NONE' ? 0 : insuranceBalance(player.state.money);
  if (
    !step(response(), {
      type: 'DenyClaim',
      groupCode: denial.groupCode,
      carc: denial.carc,
      rarcs: denial.rarcs,
      deniedAmountCents: billed,
      lines: [],
    })
  )
    return player;
  if (chance(0.5))
    step(days(1 + next() * 3), { type: 'AssignClaim', assignee: actor(), actor: 'supervisor-1' });
  if (chance(0.7)) followUp(days(3 + next() * 10));
  if (denial.groupCode === 'PR') {
    patientShare();
    return player;
  }
  if (chance(0.45)) {
    step(days(10 + next() * 30), {
      type: 'AppealClaim',
      level: 1,
      reason: 'Records attached show necessity',
    });
    const outcome = next();
    step(days(30 + next() * 45), {
      type: 'DecideAppeal',
      outcome: outcome < 0.55 ? 'OVERTURNED' : outcome < 0.65 ? 'PARTIALLY_OVERTURNED' : 'UPHELD',
    });
    if (overturned(player)) {
      if (pay()) patientShare();
      return player;
    }
  }
  if (chance(0.5)) step(days(60 + next() * 60), { type: 'WriteOffBalance', reason: 'CONTRACTUAL' });
  return player;
}

/** A min-heap of stories by the recordedAt of their next event. */
class StoryHeap {
  private readonly items: Story[] = [];
  get size(): number {
    return this.items.length;
  }
  private key(i: number): string {
    const story = this.items[i]!;
    return story.events[story.next]!.recordedAt;
  }
  peek(): Story | undefined {
    return this.items[0];
  }
  push(story: Story): void {
    const items = this.items;
    items.push(story);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.key(parent) <= this.key(i)) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }
  pop(): Story | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let smallest = i;
        if (l < items.length && this.key(l) < this.key(smallest)) smallest = l;
        if (r < items.length && this.key(r) < this.key(smallest)) smallest = r;
        if (smallest === i) break;
        [items[smallest], items[i]] = [items[i]!, items[smallest]!];
        i = smallest;
      }
    }
    return top;
  }
}

/**
 * Yields the book's events in log order, in chunks. Claims start in order of submission; a claim's whole story is
 * played when it starts, and its events wait in a heap until the log reaches them, so memory holds only the claims
 * still open at that point of the 18 months.
 */
export function* bookEvents(options: BookOptions, stats: BookStats, chunk = 5_000): Generator<BookEvent[]> {
  const next = random(options.seed);
  const now = options.now.getTime();
  const npis = validNpis(40, next);
  const starts = Array.from(
    { length: options.claims },
    () => now - Math.floor(next() * HISTORY_DAYS * DAY),
  ).sort((a, b) => a - b);
  const heap = new StoryHeap();
  let out: BookEvent[] = [];
  let index = 0;
  while (index < starts.length || heap.size > 0) {
    const top = heap.peek();
    if (
      index < starts.length &&
      (!top || new Date(starts[index]!).toISOString() <= top.events[top.next]!.recordedAt)
    ) {
      const player = playClaim(index, starts[index]!, now, npis, next);
      index++;
      stats.claims++;
      stats.refused += player.refused;
      if (player.events.length > 0)
        heap.push({ streamName: player.events[0]!.streamName, events: player.events, next: 0 });
      continue;
    }
    const story = heap.pop()!;
    out.push(story.events[story.next]!);
    stats.events++;
    if (++story.next < story.events.length) heap.push(story);
    if (out.length >= chunk) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}

/** Business dates the reports are asked about: today, and the last month-end before it. */
export function reportDates(now: Date): {
  today: string;
  lastMonthEnd: string;
  yearAgo: string;
  quarterAgo: string;
} {
  const today = dateOf(now.getTime());
  const monthStart = `${today.slice(0, 7)}-01`;
  return {
    today,
    lastMonthEnd: addDays(monthStart, -1),
    yearAgo: addDays(today, -364),
    quarterAgo: addDays(today, -90),
  };
}
