import type { AdjustmentInput, NewServiceLine, SubmitClaim } from '@claimtrail/claims';
import type { Book, BookClaim, BookOptions, BookStep, StepBody } from './book.types.js';
import {
  BILLERS,
  PEND_REQUESTS,
  providerNpis,
  REJECTIONS,
  SPECIALTIES,
  type Procedure,
} from './clinical.catalog.js';
import { SEED_PAYERS, type SeedPayer } from './payer.catalog.js';
import { SeededRandom } from './seeded-random.js';

const DAY_MS = 86_400_000;
/** Service dates reach this far back from today: about 18 months. */
const HISTORY_DAYS = 548;
const MAX_SEED = 0xffff_ffff;

const PAYER_WEIGHTS = SEED_PAYERS.map((payer) => [payer, payer.weight] as const);
const SPECIALTY_WEIGHTS = SPECIALTIES.map((specialty, i) => [i, specialty.weight] as const);
const NPIS = SPECIALTIES.map((_, i) => providerNpis(i));

type Denial = readonly [group: 'CO' | 'PR', carc: string, rarcs: string[]];
/** The CARCs seen most in denials, with their usual share (CO-29 is not here: only late filing earns it). */
const DENIALS: readonly (readonly [Denial, number])[] = [
  [['CO', '16', ['M51']], 10],
  [['CO', '16', ['N290', 'MA130']], 6],
  [['CO', '197', ['N54']], 14],
  [['CO', '50', ['N115']], 13],
  [['CO', '96', ['N425']], 8],
  [['CO', '97', ['M15']], 9],
  [['CO', '18', ['N111']], 7],
  [['CO', '22', ['MA04']], 8],
  [['CO', '27', []], 6],
  [['PR', '96', ['N130']], 5],
  [['PR', '204', []], 4],
];

const REVERSAL_REASONS = [
  'Overpayment recovery: coordination of benefits',
  'Takeback: claim paid under the wrong member',
  'Payer reprocessed the claim with a corrected fee schedule',
];
const FOLLOW_UP_OUTCOMES = [
  'Claim in process, no remittance yet',
  'No claim on file; resent electronically',
  'Claim under medical review',
  'Payer asked to call back after reprocessing',
];
const PATIENT_PAYMENT_METHODS = ['card', 'check', 'portal', 'cash'];

const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const DATES = new Map<number, string>();
/** Memoised: a book uses a few hundred distinct days, and formatting dates is most of the generator's own time. */
function dateOf(day: number): string {
  let date = DATES.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (DATES.size > 10_000) DATES.clear();
    DATES.set(day, date);
  }
  return date;
}
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A book of claims, a pure function of (claims, seed, today): the same three give the same claims, amounts, dates and
 * codes, and claim i is the same in a book of any size. Each claim is an ordered list of commands with business
 * times that the claims decider accepts in order; nothing is dated on or after `today`.
 */
export function generateBook(options: BookOptions): Book {
  const { claims, seed } = options;
  if (!Number.isSafeInteger(claims) || claims < 0) throw new RangeError('claims must be a whole number >= 0');
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > MAX_SEED)
    throw new RangeError(`seed must be a whole number from 0 to ${MAX_SEED}`);
  const today = typeof options.today === 'string' ? options.today : options.today.toISOString().slice(0, 10);
  const todayDay = dayOf(today);
  if (!Number.isInteger(todayDay)) throw new RangeError('today must be a date (YYYY-MM-DD) or a Date');
  const claim = (index: number): BookClaim => {
    if (!Number.isSafeInteger(index) || index < 0 || index >= claims)
      throw new RangeError(`claim index must be from 0 to ${claims - 1}`);
    return new ClaimWriter(seed, index, todayDay).write();
  };
  return {
    claims,
    seed,
    today,
    payers: SEED_PAYERS,
    claim,
    *[Symbol.iterator]() {
      for (let i = 0; i < claims; i++) yield claim(i);
    },
  };
}

/** One claim's story, written step by step; a step dated on or after today ends it there. */
class ClaimWriter {
  private readonly r: SeededRandom;
  private readonly payer: SeedPayer;
  private readonly claimId: string;
  private readonly lastDay: number;
  private readonly steps: BookStep[] = [];
  private day = Number.NEGATIVE_INFINITY;
  private minute = 0;
  private open = true;

  private lines: NewServiceLine[] = [];
  /** What the payer still owes or has to decide (the claim's insurance balance). */
  private billed = 0;
  private patientOwed = 0;
  private payments = 0;
  private statements = 0;
  private patientPayments = 0;
  /** The latest payment's effect on the balances, restored by a reversal. */
  private lastPayment = { settled: 0, patient: 0 };
  /** The latest remittance's payment date: a partial payment's appeal window counts from it. */
  private lastPaidDay = 0;

  constructor(
    private readonly seed: number,
    private readonly index: number,
    todayDay: number,
  ) {
    this.r = SeededRandom.forItem(seed, index);
    this.payer = this.r.weighted(PAYER_WEIGHTS);
    this.claimId = `SEED${seed}-${String(index + 1).padStart(6, '0')}`;
    this.lastDay = todayDay - 1;
  }

  write(): BookClaim {
    this.story();
    return { index: this.index, claimId: this.claimId, payerId: this.payer.payerId, steps: this.steps };
  }

  /**
   * Adds a step on `day` (never before the step before it) and returns the day it got; undefined once the story
   * reached today, after which nothing more is added.
   */
  private add(day: number, body: StepBody): number | undefined {
    if (!this.open) return undefined;
    const at = Math.max(day, this.day);
    if (at > this.lastDay) {
      this.open = false;
      return undefined;
    }
    // Office hours in US time zones (13:00-21:00 UTC); steps on one day keep their order.
    this.minute = at === this.day ? this.minute + this.r.int(1, 20) : this.r.int(0, 400);
    this.day = at;
    const time = `${pad(13 + Math.floor(this.minute / 60))}:${pad(this.minute % 60)}:00.000Z`;
    this.steps.push({
      commandId: `${this.claimId}:${this.steps.length + 1}`,
      occurredAt: `${dateOf(at)}T${time}`,
      body,
    });
    return at;
  }

  private get rules() {
    return this.payer.rules;
  }

  private get habits() {
    return this.payer.habits;
  }

  /** Days the payer takes this time: around its usual response, sometimes much slower. */
  private responseTime(): number {
    return Math.max(3, Math.round(this.rules.responseDays * (0.5 + this.r.next() * 1.1)));
  }

  private story(): void {
    const r = this.r;
    const submitted = this.submit();
    const filingDeadline = dayOf(this.lines[0]!.serviceDate) + this.rules.timelyFilingDays;
    let day: number | undefined = submitted;
    if (r.chance(0.1)) this.add(day, { type: 'AssignClaim', assignee: r.pick(BILLERS) });

    if (r.chance(this.habits.rejectionRate)) {
      const [statusCode, reason] = r.pick(REJECTIONS);
      day = this.add(day + r.int(1, 3), { type: 'RejectClaim', statusCode, reason });
      // Some are never corrected: they stay rejected, and their timely-filing clock runs out.
      if (day === undefined || !r.chance(0.85)) return;
      day += r.int(2, 14);
      if (day > filingDeadline) return;
      day = this.add(day, {
        type: 'ResubmitClaim',
        frequencyCode: '1',
        reason: `Corrected and sent again: ${reason.toLowerCase()}`,
      });
      if (day === undefined) return;
    }

    if (r.chance(0.92)) {
      day = this.add(day + r.int(1, 3), {
        type: 'AcknowledgeClaim',
        payerClaimNumber: `PCN${this.seed}-${this.index + 1}`,
        statusCode: r.chance(0.9) ? 'A1' : 'A2',
      });
      if (day === undefined) return;
    }

    if (submitted > filingDeadline) {
      day = this.add(day + this.responseTime(), {
        type: 'DenyClaim',
        groupCode: 'CO',
        carc: '29',
        rarcs: [],
        deniedAmountCents: this.billed,
        lines: [],
      });
      if (day !== undefined && r.chance(0.7))
        this.writeOff(day + r.int(3, 30), 'TIMELY_FILING', 'Filed after the payer limit');
      return;
    }

    if (r.chance(this.habits.pendRate)) {
      const [statusCode, requested] = r.pick(PEND_REQUESTS);
      const pendDay: number = Math.max(day + r.int(5, Math.max(6, this.rules.responseDays)), this.day);
      day = this.add(pendDay, {
        type: 'PendClaim',
        statusCode,
        requested,
        infoDueDate: dateOf(pendDay + r.int(21, 45)),
      });
      // Some requests are never answered: the information is overdue.
      if (day === undefined || !r.chance(0.8)) return;
      day = this.add(day + r.int(3, 25), {
        type: 'SubmitAdditionalInfo',
        description: `${requested} sent through the payer portal`,
      });
      if (day === undefined) return;
    }

    if (r.chance(this.habits.silenceRate)) {
      this.followUps(submitted + this.rules.responseDays + r.int(1, 7), r.int(1, 3));
      return;
    }

    const adjudicated = day + this.responseTime();
    if (adjudicated > submitted + this.rules.responseDays + 5)
      this.followUps(Math.max(day, submitted + this.rules.responseDays + r.int(1, 5)), 1);

    const roll = r.next();
    if (roll < this.habits.denialRate) this.deny(adjudicated);
    else if (roll < this.habits.denialRate + this.habits.partialRate && this.lines.length >= 2)
      this.partialPayment(adjudicated);
    else {
      const paid = this.remit(adjudicated, { patientShare: true });
      if (paid !== undefined) this.afterPayment(paid, true);
    }
  }

  private submit(): number {
    const r = this.r;
    const specialtyIndex = r.weighted(SPECIALTY_WEIGHTS);
    const specialty = SPECIALTIES[specialtyIndex]!;
    const serviceDay = this.lastDay + 1 - r.int(2, HISTORY_DAYS);
    // A few claims go out after the payer's filing limit (lost paperwork, a wrong payer first): a CO-29 to come.
    const late = r.chance(0.03);
    const lag = late
      ? this.rules.timelyFilingDays + r.int(3, 45)
      : r.chance(0.8)
        ? r.int(1, 7)
        : r.int(8, 40);
    const submitted = Math.min(serviceDay + lag, this.lastDay);

    const diagnoses: string[] = [];
    const wanted = r.int(1, 3);
    while (diagnoses.length < wanted) {
      const code = r.pick(specialty.diagnoses);
      if (!diagnoses.includes(code)) diagnoses.push(code);
    }
    const visit = r.pick(specialty.visits);
    const procedures = visit.procedures.filter((_, i) => i === 0 || r.chance(visit.optionalChance));
    const serviceDate = dateOf(serviceDay);
    this.lines = procedures.map((procedure, i) => this.line(procedure, i, diagnoses.length, serviceDate));
    this.billed = this.lines.reduce((sum, line) => sum + line.chargeCents, 0);

    const body: StepBody<SubmitClaim> = {
      type: 'SubmitClaim',
      claimId: this.claimId,
      patientRef: `PT${this.seed}-${r.int(1, 99_999)}`,
      providerNpi: r.pick(NPIS[specialtyIndex]!),
      payerId: this.payer.payerId,
      diagnoses,
      lines: this.lines,
      payerRules: this.rules,
    };
    return this.add(submitted, body)!;
  }

  private line(procedure: Procedure, i: number, diagnoses: number, serviceDate: string): NewServiceLine {
    const units = procedure.maxUnits ? this.r.int(1, procedure.maxUnits) : 1;
    const pointers = i === 0 ? (diagnoses > 1 ? [1, 2] : [1]) : [this.r.int(1, diagnoses)];
    return {
      procedureCode: procedure.code,
      modifiers: procedure.modifiers ?? [],
      units,
      chargeCents: procedure.feeCents * units,
      diagnosisPointers: pointers,
      serviceDate,
    };
  }

  private followUps(from: number, count: number): void {
    let day: number | undefined = from;
    for (let i = 0; i < count && day !== undefined; i++) {
      const channel = this.r.pick(['EDI_276', 'PHONE', 'PORTAL'] as const);
      day = this.add(day, {
        type: 'LogFollowUp',
        channel,
        outcome: this.r.pick(FOLLOW_UP_OUTCOMES),
        ...(channel === 'PHONE' && { payerReference: `CALL-${this.index + 1}-${i + 1}` }),
        nextActionDate: dateOf(Math.max(day, this.day) + 14),
      });
      if (day !== undefined) day += this.r.int(10, 21);
    }
  }

  /** The patient's share of an allowed amount, as the payer's plans usually split it; always leaves it paying. */
  private patientShare(allowed: number): [carc: string, cents: number][] {
    const r = this.r;
    let shares: [string, number][] = [];
    switch (this.habits.patientShare) {
      case 'NONE':
        break;
      case 'MEDICARE': {
        const deductible = r.chance(0.15) ? Math.min(Math.round(allowed * 0.5), 25_700) : 0;
        shares = [
          ['1', deductible],
          ['2', Math.round((allowed - deductible) * 0.2)],
        ];
        break;
      }
      case 'COMMERCIAL': {
        const plan = r.weighted([
          ['copay', 40],
          ['deductible', 25],
          ['coinsurance', 25],
          ['none', 10],
        ] as const);
        if (plan === 'copay') shares = [['3', r.pick([2_500, 3_000, 4_000, 5_000])]];
        else if (plan === 'deductible') shares = [['1', Math.round(allowed * (0.3 + r.next() * 0.7))]];
        else if (plan === 'coinsurance') shares = [['2', Math.round(allowed * 0.2)]];
        break;
      }
    }
    let room = allowed - 1;
    return shares
      .map(([carc, cents]): [string, number] => {
        const share = Math.max(0, Math.min(cents, room));
        room -= share;
        return [carc, share];
      })
      .filter(([, cents]) => cents > 0);
  }

  /**
   * An 835 for what the payer still has: the fee-schedule reduction (CO-45), the patient's share (PR-1/2/3) and, for
   * a partial payment, the last line denied. Balances by construction: billed - paid = the adjustments.
   */
  private remit(
    day: number,
    options: { patientShare: boolean; denyLine?: readonly [group: 'CO', carc: string, rarcs: string[]] },
  ): number | undefined {
    const r = this.r;
    const billed = this.billed;
    const deniedLine = options.denyLine ? this.lines.length : undefined;
    const deniedCents = deniedLine ? this.lines[deniedLine - 1]!.chargeCents : 0;
    const rest = billed - deniedCents;
    const ratio = this.habits.allowedRatio * (0.95 + r.next() * 0.1);
    const allowed = Math.max(1, Math.min(rest, Math.round(rest * ratio)));
    const shares = options.patientShare ? this.patientShare(allowed) : [];
    const patient = shares.reduce((sum, [, cents]) => sum + cents, 0);
    const adjustments: AdjustmentInput[] = [];
    if (rest > allowed)
      adjustments.push({ groupCode: 'CO', carc: '45', rarcs: [], amountCents: rest - allowed });
    for (const [carc, amountCents] of shares)
      adjustments.push({ groupCode: 'PR', carc, rarcs: [], amountCents });
    if (options.denyLine && deniedLine) {
      const [groupCode, carc, rarcs] = options.denyLine;
      adjustments.push({ groupCode, carc, rarcs, amountCents: deniedCents, lineNumber: deniedLine });
    }
    const paidDay = Math.max(this.day, day - r.int(0, 3));
    const recorded = this.add(day, {
      type: 'RecordPayment',
      paymentId: `ERA-${this.claimId}-${++this.payments}`,
      paidDate: dateOf(paidDay),
      billedCents: billed,
      paidCents: allowed - patient,
      allowedCents: allowed,
      adjustments,
    });
    if (recorded === undefined) return undefined;
    this.lastPaidDay = paidDay;
    this.lastPayment = { settled: rest, patient };
    this.billed = deniedCents;
    this.patientOwed += patient;
    return recorded;
  }

  /** A paid claim: sometimes taken back (and paid again), then the patient billed for their share. */
  private afterPayment(day: number, mayReverse: boolean): void {
    const r = this.r;
    if (mayReverse && r.chance(this.habits.reversalRate)) {
      const reversed = this.add(day + r.int(14, 60), {
        type: 'ReversePayment',
        paymentId: `ERA-${this.claimId}-${this.payments}`,
        reason: r.pick(REVERSAL_REASONS),
      });
      if (reversed === undefined) return;
      this.billed += this.lastPayment.settled;
      this.patientOwed -= this.lastPayment.patient;
      if (!r.chance(0.6)) return;
      const repaid = this.remit(reversed + r.int(10, 40), { patientShare: true });
      if (repaid !== undefined) this.afterPayment(repaid, false);
      return;
    }
    if (this.patientOwed > 0) this.billPatient(day + r.int(3, 12));
  }

  private partialPayment(day: number): void {
    const r = this.r;
    const path = r.weighted([
      ['appeal', 40],
      ['write-off', 30],
      ['corrected', 15],
      ['none', 15],
    ] as const);
    const denyLine = r.pick<readonly ['CO', string, string[]]>([
      ['CO', '97', ['M15']],
      ['CO', '50', ['N115']],
      ['CO', '4', ['N519']],
    ]);
    // An appealed partial payment leaves the patient's share for after the appeal: no PR on this remittance.
    const paid = this.remit(day, { patientShare: path !== 'appeal', denyLine });
    if (paid === undefined) return;
    if (path === 'appeal') this.appeal(this.lastPaidDay, 1);
    else if (path === 'corrected') {
      const resubmitted = this.add(paid + r.int(5, 30), {
        type: 'ResubmitClaim',
        frequencyCode: '7',
        reason: `Corrected claim: modifier 59 on line ${this.lines.length}`,
      });
      if (resubmitted === undefined) return;
      const repaid = this.remit(resubmitted + this.responseTime(), { patientShare: false });
      if (repaid !== undefined) this.afterPayment(repaid, false);
    } else if (path === 'write-off') {
      if (this.patientOwed === 0) {
        this.writeOff(paid + r.int(10, 45), 'CONTRACTUAL', 'Bundled service: not billable to the patient');
        return;
      }
      const settled = this.billPatient(paid + r.int(3, 12));
      if (settled !== undefined)
        this.writeOff(settled + r.int(5, 30), 'CONTRACTUAL', 'Bundled service: not billable to the patient');
    }
  }

  private deny(day: number): void {
    const r = this.r;
    const [groupCode, carc, rarcs] = r.weighted(DENIALS);
    const denied = this.add(day, {
      type: 'DenyClaim',
      groupCode,
      carc,
      rarcs,
      deniedAmountCents: this.billed,
      lines: [],
    });
    if (denied === undefined) return;
    if (r.chance(0.5)) this.add(denied + r.int(0, 2), { type: 'AssignClaim', assignee: r.pick(BILLERS) });
    // Some denials are never worked: once their appeal window closes, the money is lost.
    if (r.chance(0.15)) return;
    if (groupCode === 'PR') {
      this.billPatient(denied + r.int(3, 15));
      return;
    }
    switch (carc) {
      case '16': {
        const resubmitted = this.add(denied + r.int(5, 25), {
          type: 'ResubmitClaim',
          frequencyCode: '7',
          reason: 'Corrected claim: added the information the payer asked for',
        });
        if (resubmitted === undefined) return;
        const paid = this.remit(resubmitted + this.responseTime(), { patientShare: true });
        if (paid !== undefined) this.afterPayment(paid, true);
        return;
      }
      case '18':
      case '22':
        this.add(denied + r.int(3, 20), {
          type: 'VoidClaim',
          reason:
            carc === '18'
              ? 'Duplicate of a claim already in process'
              : 'Other coverage is primary: refiled with the primary payer',
        });
        return;
      default:
        if (r.chance(carc === '97' ? 0.5 : 0.7)) this.appeal(denied, 1);
        else this.writeOff(denied + r.int(10, 45), 'CONTRACTUAL', `Not appealed (CARC ${carc})`);
    }
  }

  /** Appeals level `level` against the decision noticed on `noticeDay`, within its window. */
  private appeal(noticeDay: number, level: number): void {
    const r = this.r;
    const windowDays = this.rules.appealWindowDays[level - 1]!;
    const appealed = this.add(noticeDay + r.int(7, Math.min(windowDays - 1, 60)), {
      type: 'AppealClaim',
      level,
      reason:
        level === 1
          ? 'Medical records and the payer policy show the service is covered'
          : `Level ${level}: the earlier decision misread the records`,
    });
    // Some appeals are still waiting for the payer's decision.
    if (appealed === undefined || r.chance(0.12)) return;
    const outcome = r.chance(this.habits.overturnRate) ? 'OVERTURNED' : 'UPHELD';
    const decided = this.add(appealed + r.int(20, 75), { type: 'DecideAppeal', outcome });
    if (decided === undefined) return;
    if (outcome === 'OVERTURNED') {
      const paid = this.remit(decided + r.int(5, 20), { patientShare: true });
      if (paid !== undefined) this.afterPayment(paid, true);
    } else if (level < this.rules.appealWindowDays.length && r.chance(0.35)) this.appeal(decided, level + 1);
    else if (r.chance(0.6)) this.writeOff(decided + r.int(5, 30), 'CONTRACTUAL', 'Appeal upheld');
  }

  /** Bills the patient's balance (after a PR denial, what the payer left to them); the day it was settled, if it was. */
  private billPatient(day: number): number | undefined {
    const r = this.r;
    const amountCents = this.patientOwed + this.billed * Number(this.patientOwed === 0);
    const billed = this.add(day, {
      type: 'BillPatient',
      statementId: `ST-${this.claimId}-${++this.statements}`,
      amountCents,
      dueDate: dateOf(Math.max(day, this.day) + 30),
    });
    if (billed === undefined) return undefined;
    if (this.patientOwed === 0) {
      this.patientOwed = this.billed;
      this.billed = 0;
    }
    const habit = r.weighted([
      ['pays', 55],
      ['pays-part', 15],
      ['does-not-pay', 30],
    ] as const);
    if (habit === 'pays') return this.patientPays(billed + r.int(5, 45), this.patientOwed);
    if (habit === 'pays-part' && this.patientOwed >= 2) {
      const part = this.patientPays(billed + r.int(5, 30), r.int(1, this.patientOwed - 1));
      if (part !== undefined && r.chance(0.5))
        return this.patientPays(part + r.int(20, 60), this.patientOwed);
      return undefined;
    }
    // Overdue: some balances go to bad debt (or are too small to chase), the rest stay on the worklist.
    if (r.chance(0.4)) {
      const reason = this.patientOwed < 1_000 ? 'SMALL_BALANCE' : 'BAD_DEBT';
      this.writeOff(billed + 30 + r.int(60, 120), reason, 'Patient balance uncollectable after statements');
    }
    return undefined;
  }

  private patientPays(day: number, amountCents: number): number | undefined {
    const paid = this.add(day, {
      type: 'RecordPatientPayment',
      paymentId: `PP-${this.claimId}-${++this.patientPayments}`,
      amountCents,
      method: this.r.pick(PATIENT_PAYMENT_METHODS),
    });
    if (paid !== undefined) this.patientOwed -= amountCents;
    return paid;
  }

  private writeOff(
    day: number,
    reason: 'CONTRACTUAL' | 'BAD_DEBT' | 'SMALL_BALANCE' | 'TIMELY_FILING',
    note: string,
  ): void {
    if (this.add(day, { type: 'WriteOffBalance', reason, note }) === undefined) return;
    this.billed = 0;
    this.patientOwed = 0;
  }
}
