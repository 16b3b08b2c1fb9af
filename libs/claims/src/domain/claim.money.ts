/** Adjustment group codes: CO contractual, PR patient responsibility, OA other, PI payer-initiated. */
export const ADJUSTMENT_GROUPS = ['CO', 'PR', 'OA', 'PI'] as const;
export type AdjustmentGroup = (typeof ADJUSTMENT_GROUPS)[number];

/** The payer's deadlines, in days. */
export interface PayerRules {
  timelyFilingDays: number;
  /** Days to file each appeal level, from the notice of the decision before it; its length is the number of levels. */
  appealWindowDays: number[];
  /** Days a payer usually takes to answer; past it a claim needs a follow-up. */
  responseDays: number;
  /** The payer's rule version the deadlines came from; absent for Medicare's defaults (no payer configured). */
  version?: number;
}

/** Medicare: 12 months to file; redetermination 120 days, reconsideration 180, then 60, 60, 60. */
export const MEDICARE_RULES: PayerRules = {
  timelyFilingDays: 365,
  appealWindowDays: [120, 180, 60, 60, 60],
  responseDays: 30,
};

/**
 * CARCs that deny a service. Others (45 fee schedule, 253 sequestration, 1/2/3 patient share, ...) adjust the
 * amount: they move money, where a denial leaves the amount in AR to be worked.
 */
export const DENIAL_CARCS: ReadonlySet<string> = new Set([
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '16',
  '18',
  '19',
  '20',
  '21',
  '22',
  '26',
  '27',
  '29',
  '31',
  '32',
  '33',
  '34',
  '35',
  '39',
  '40',
  '49',
  '50',
  '51',
  '54',
  '55',
  '56',
  '58',
  '96',
  '97',
  '107',
  '109',
  '110',
  '114',
  '119',
  '140',
  '146',
  '150',
  '151',
  '155',
  '160',
  '167',
  '170',
  '171',
  '172',
  '174',
  '175',
  '176',
  '177',
  '178',
  '179',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '188',
  '189',
  '190',
  '197',
  '198',
  '199',
  '200',
  '201',
  '204',
  '208',
  '213',
  '219',
  '222',
  '226',
  '227',
  '231',
  '234',
  '236',
  '242',
  '243',
  '252',
  'A1',
  'B1',
  'B5',
  'B7',
  'B9',
  'B11',
  'B12',
  'B13',
  'B15',
  'B16',
  'B20',
  'B22',
  'N',
]);

export const isDenialCarc = (carc: string): boolean => DENIAL_CARCS.has(carc);

/** Who a remittance comes from: the primary payer, or the secondary one the primary's patient share crossed over to. */
export const PAYER_RANKS = ['PRIMARY', 'SECONDARY'] as const;
export type PayerRank = (typeof PAYER_RANKS)[number];

/**
 * Running totals in cents; every balance is derived from them, so a reversal that subtracts restores exactly.
 * paidCents and patientPaidCents are net of refunds. The two secondary totals arrived with coordination of benefits:
 * claims folded before it lack them, which reads as zero.
 */
export interface Money {
  chargeCents: number;
  paidCents: number;
  contractualCents: number;
  otherAdjustmentCents: number;
  patientResponsibilityCents: number;
  patientPaidCents: number;
  insuranceWrittenOffCents: number;
  patientWrittenOffCents: number;
  /** The primary's patient-responsibility amounts that crossed over to the secondary payer. */
  crossedOverCents?: number;
  /** What the secondary's remittances settled of it: paid, adjusted, moved to the patient, net of refunds. */
  secondarySettledCents?: number;
  /** Insurance write-offs taken from the secondary's share. */
  secondaryWrittenOffCents?: number;
}

export const zeroMoney = (chargeCents: number): Money => ({
  chargeCents,
  paidCents: 0,
  contractualCents: 0,
  otherAdjustmentCents: 0,
  patientResponsibilityCents: 0,
  patientPaidCents: 0,
  insuranceWrittenOffCents: 0,
  patientWrittenOffCents: 0,
  crossedOverCents: 0,
  secondarySettledCents: 0,
  secondaryWrittenOffCents: 0,
});

/** The totals moved by `delta`: added, or with sign -1 taken back (a reversal). */
export function addMoney(money: Money, delta: Partial<Money>, sign: 1 | -1 = 1): Money {
  const next = { ...money };
  for (const key of Object.keys(delta) as (keyof Money)[])
    next[key] = (next[key] ?? 0) + sign * (delta[key] ?? 0);
  return next;
}

/** What the payers still owe together: charges − payer payments − CO/OA/PI − amounts moved to the patient − write-offs. */
export const insuranceBalance = (m: Money): number =>
  m.chargeCents -
  m.paidCents -
  m.contractualCents -
  m.otherAdjustmentCents -
  m.patientResponsibilityCents -
  m.insuranceWrittenOffCents;

/**
 * What the secondary payer owes: the crossed-over patient share it has not settled. A write-off of its share counts
 * only while that share is owed: when a takeback of the primary's payment removes the crossover, what was written off
 * stays a write-off of the claim, not a credit of the secondary.
 */
export function secondaryBalance(m: Money): number {
  const owed = (m.crossedOverCents ?? 0) - (m.secondarySettledCents ?? 0);
  return owed - Math.min(m.secondaryWrittenOffCents ?? 0, Math.max(0, owed));
}

/** What the primary payer owes: the rest of the insurance balance. */
export const primaryBalance = (m: Money): number => insuranceBalance(m) - secondaryBalance(m);

export const payerBalance = (m: Money, payer: PayerRank): number =>
  payer === 'PRIMARY' ? primaryBalance(m) : secondaryBalance(m);

/** patient responsibility − patient payments − patient write-offs. */
export const patientBalance = (m: Money): number =>
  m.patientResponsibilityCents - m.patientPaidCents - m.patientWrittenOffCents;

/** Money received beyond what is owed, by whom it is owed back to: a compliance risk until refunded or offset. */
export const CREDIT_SIDES = ['PRIMARY', 'SECONDARY', 'PATIENT'] as const;
export type CreditSide = (typeof CREDIT_SIDES)[number];

export const creditBalance = (m: Money, side: CreditSide): number =>
  Math.max(0, -(side === 'PATIENT' ? patientBalance(m) : payerBalance(m, side)));

/** The money a refund or offset gives back: what was received from that side. */
export const refundedMoney = (side: CreditSide, amountCents: number): Partial<Money> =>
  side === 'PATIENT'
    ? { patientPaidCents: amountCents }
    : side === 'SECONDARY'
      ? { paidCents: amountCents, secondarySettledCents: amountCents }
      : { paidCents: amountCents };

export const totalCredit = (m: Money): number =>
  creditBalance(m, 'PRIMARY') + creditBalance(m, 'SECONDARY') + creditBalance(m, 'PATIENT');

/** Calendar arithmetic on YYYY-MM-DD dates (UTC, so no daylight-saving drift). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
