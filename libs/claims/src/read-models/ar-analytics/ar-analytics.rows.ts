import type { BalanceChange, ClaimLedger } from './claim-ledger.js';

export type TimeBasis = 'OCCURRED' | 'RECORDED';

/** Copied onto every row of a claim, so that the reports group without a join. */
export interface ClaimKeys {
  claimId: string;
  payerId: string;
  providerNpi: string;
  serviceDate: string;
  submittedOn: string;
}

export interface ClaimFactRow extends ClaimKeys {
  status: string;
  chargeCents: number;
  acknowledgedOn: string | null;
  firstAdjudicatedOn: string | null;
  firstAdjudication: string | null;
  resolvedOnFirstPass: boolean;
  rejectedBeforeAdjudication: boolean;
  pendedBeforeAdjudication: boolean;
  firstPaidOn: string | null;
}

/** A claim's balances from validFrom (inclusive) to validTo (exclusive, null: still), on one time basis. */
export interface BalancePeriodRow extends ClaimKeys {
  basis: TimeBasis;
  validFrom: string;
  validTo: string | null;
  insuranceCents: number;
  patientCents: number;
  /** Of insuranceCents, what the secondary payer owes: aging by payer puts it under that payer. */
  secondaryCents: number;
  secondaryPayerId: string | null;
}

export interface DenialRow extends ClaimKeys {
  seq: number;
  deniedOn: string;
  groupCode: string;
  carc: string;
  deniedCents: number;
  firstAdjudication: boolean;
  appealed: boolean;
  overturned: boolean;
}

export interface PendRow extends ClaimKeys {
  seq: number;
  pendedOn: string;
  resolvedOn: string | null;
}

export interface MoneyRow extends ClaimKeys {
  onDate: string;
  chargeCents: number;
  paidCents: number;
  patientPaidCents: number;
  contractualCents: number;
}

export interface AnalyticsRows {
  fact: ClaimFactRow;
  periods: BalancePeriodRow[];
  denials: DenialRow[];
  pends: PendRow[];
  money: MoneyRow[];
}

/**
 * The balances a claim had on each day, from its changes on one time basis: changes of the same day add up, and a
 * period exists only while something is owed (closed and zero-balance stretches are not in AR).
 */
export function balancePeriods(
  keys: ClaimKeys,
  changes: readonly BalanceChange[],
  basis: TimeBasis,
  secondaryPayerId: string | null = null,
): BalancePeriodRow[] {
  const byDay = new Map<string, { insurance: number; patient: number; secondary: number }>();
  for (const change of changes) {
    const day = basis === 'OCCURRED' ? change.occurredOn : change.recordedOn;
    const sum = byDay.get(day) ?? { insurance: 0, patient: 0, secondary: 0 };
    byDay.set(day, {
      insurance: sum.insurance + change.insuranceCents,
      patient: sum.patient + change.patientCents,
      secondary: sum.secondary + (change.secondaryCents ?? 0),
    });
  }
  const days = [...byDay.keys()].sort();
  const periods: BalancePeriodRow[] = [];
  let insurance = 0;
  let patient = 0;
  let secondary = 0;
  days.forEach((day, i) => {
    insurance += byDay.get(day)!.insurance;
    patient += byDay.get(day)!.patient;
    secondary += byDay.get(day)!.secondary;
    if (insurance !== 0 || patient !== 0)
      periods.push({
        ...keys,
        basis,
        validFrom: day,
        validTo: days[i + 1] ?? null,
        insuranceCents: insurance,
        patientCents: patient,
        secondaryCents: secondary,
        secondaryPayerId,
      });
  });
  return periods;
}

/** Pure: every row the reports read about one claim. */
export function analyticsRows(ledger: ClaimLedger): AnalyticsRows | undefined {
  const { state, facts } = ledger;
  if (state.status === 'NONE' || !facts) return undefined;
  const keys: ClaimKeys = {
    claimId: state.claimId,
    payerId: state.payerId,
    providerNpi: state.providerNpi,
    serviceDate: state.serviceDateFrom,
    submittedOn: facts.submittedOn,
  };
  const money = new Map<string, MoneyRow>();
  for (const change of facts.money) {
    const row = money.get(change.on) ?? {
      ...keys,
      onDate: change.on,
      chargeCents: 0,
      paidCents: 0,
      patientPaidCents: 0,
      contractualCents: 0,
    };
    row.chargeCents += change.chargeCents;
    row.paidCents += change.paidCents;
    row.patientPaidCents += change.patientPaidCents;
    row.contractualCents += change.contractualCents;
    money.set(change.on, row);
  }
  return {
    fact: {
      ...keys,
      status: state.status,
      chargeCents: state.money.chargeCents,
      acknowledgedOn: facts.acknowledgedOn ?? null,
      firstAdjudicatedOn: facts.firstAdjudicatedOn ?? null,
      firstAdjudication: facts.firstAdjudication ?? null,
      resolvedOnFirstPass: facts.resolvedOnFirstPass,
      rejectedBeforeAdjudication: facts.rejectedBeforeAdjudication,
      pendedBeforeAdjudication: facts.pendedBeforeAdjudication,
      firstPaidOn: facts.firstPaidOn ?? null,
    },
    periods: [
      ...balancePeriods(keys, facts.balances, 'OCCURRED', state.secondaryPayerId ?? null),
      ...balancePeriods(keys, facts.balances, 'RECORDED', state.secondaryPayerId ?? null),
    ],
    denials: facts.denials.map((d, seq) => ({ ...keys, seq, ...d })),
    pends: facts.pends.map((p, seq) => ({
      ...keys,
      seq,
      pendedOn: p.pendedOn,
      resolvedOn: p.resolvedOn ?? null,
    })),
    money: [...money.values()].filter(
      (m) => m.chargeCents || m.paidCents || m.patientPaidCents || m.contractualCents,
    ),
  };
}
