import type { PayerRules } from '@claimtrail/claims';

/** How a payer tends to answer; rates are per claim, between 0 and 1. */
export interface PayerHabits {
  /** Front-end rejections (277CA A3/A6-A8). */
  rejectionRate: number;
  /** Claims held for information (277 R*). */
  pendRate: number;
  /** Claims denied outright on adjudication. */
  denialRate: number;
  /** Remittances that pay some lines and deny others. */
  partialRate: number;
  /** Claims the payer never answers (a follow-up is logged instead). */
  silenceRate: number;
  /** Payments taken back later (835 status 22). */
  reversalRate: number;
  /** Appeals decided in the provider's favour. */
  overturnRate: number;
  /** Allowed amount as a share of the charge (the fee schedule). */
  allowedRatio: number;
  /** How patient responsibility usually arises: deductible, coinsurance, copay, or none. */
  patientShare: 'COMMERCIAL' | 'MEDICARE' | 'NONE';
}

export interface SeedPayer {
  payerId: string;
  name: string;
  /**
   * What the payers library stores, and what every claim filed with this payer snapshots: version 1, the payer's
   * first change, as `claimtrail seed` creates it on a database that does not have it yet.
   */
  rules: PayerRules;
  habits: PayerHabits;
  /** Share of the book, relative to the other payers. */
  weight: number;
}

type Row = [
  payerId: string,
  name: string,
  weight: number,
  timelyFilingDays: number,
  appealWindowDays: number[],
  responseDays: number,
  denialRate: number,
  allowedRatio: number,
  kind: 'MEDICARE' | 'MEDICAID' | 'COMMERCIAL' | 'ADVANTAGE' | 'GOVERNMENT' | 'WORKERS_COMP',
];

const MEDICARE_APPEALS = [120, 180, 60, 60, 60];

// Deadlines follow each payer's published norms (Medicare 12 months and five appeal levels; Medicaid 90-365 days;
// commercial plans 90-180 days to file and one or two appeal levels); the rates are plausible, not measured.
const ROWS: Row[] = [
  ['MCRTX', 'Medicare Part B Texas (Novitas)', 10, 365, MEDICARE_APPEALS, 14, 0.07, 0.42, 'MEDICARE'],
  ['MCRCA', 'Medicare Part B California (Noridian)', 8, 365, MEDICARE_APPEALS, 15, 0.08, 0.45, 'MEDICARE'],
  ['MCRFL', 'Medicare Part B Florida (First Coast)', 7, 365, MEDICARE_APPEALS, 14, 0.07, 0.43, 'MEDICARE'],
  ['MCRNY', 'Medicare Part B New York (NGS)', 5, 365, MEDICARE_APPEALS, 16, 0.09, 0.46, 'MEDICARE'],
  ['TXMCD', 'Texas Medicaid (TMHP)', 4, 95, [120], 30, 0.14, 0.33, 'MEDICAID'],
  ['CAMCD', 'Medi-Cal', 4, 180, [90], 45, 0.16, 0.3, 'MEDICAID'],
  ['FLMCD', 'Florida Medicaid', 3, 365, [90], 30, 0.13, 0.34, 'MEDICAID'],
  ['NYMCD', 'New York Medicaid (eMedNY)', 3, 90, [60], 35, 0.15, 0.36, 'MEDICAID'],
  ['AETNA', 'Aetna', 7, 90, [180, 60], 21, 0.1, 0.58, 'COMMERCIAL'],
  ['CIGNA', 'Cigna Healthcare', 6, 90, [180, 180], 24, 0.11, 0.6, 'COMMERCIAL'],
  ['UHC', 'UnitedHealthcare', 9, 90, [180, 60], 22, 0.13, 0.55, 'COMMERCIAL'],
  ['UHCMA', 'UnitedHealthcare Medicare Advantage', 5, 365, [65, 60], 25, 0.14, 0.44, 'ADVANTAGE'],
  ['HUMANA', 'Humana', 4, 180, [180], 26, 0.12, 0.52, 'COMMERCIAL'],
  ['HUMMA', 'Humana Medicare Advantage', 4, 365, [65, 60], 28, 0.15, 0.43, 'ADVANTAGE'],
  ['BCBSTX', 'Blue Cross Blue Shield of Texas', 7, 180, [180], 20, 0.09, 0.6, 'COMMERCIAL'],
  ['BCBSCA', 'Anthem Blue Cross California', 4, 90, [180], 23, 0.1, 0.57, 'COMMERCIAL'],
  ['BCBSFL', 'Florida Blue', 4, 180, [180, 60], 21, 0.09, 0.59, 'COMMERCIAL'],
  ['BCBSNY', 'Empire BlueCross BlueShield', 3, 120, [180], 25, 0.11, 0.61, 'COMMERCIAL'],
  ['BCBSIL', 'Blue Cross Blue Shield of Illinois', 3, 180, [180], 19, 0.08, 0.62, 'COMMERCIAL'],
  ['ANTHM', 'Anthem', 4, 90, [180, 60], 24, 0.12, 0.56, 'COMMERCIAL'],
  ['HIGHMK', 'Highmark', 2, 180, [180], 21, 0.08, 0.6, 'COMMERCIAL'],
  ['KAISER', 'Kaiser Permanente', 2, 90, [180], 30, 0.1, 0.5, 'COMMERCIAL'],
  ['MOLINA', 'Molina Healthcare', 3, 180, [90], 35, 0.17, 0.38, 'MEDICAID'],
  ['AMBTR', 'Ambetter (Centene)', 2, 180, [180], 30, 0.18, 0.48, 'COMMERCIAL'],
  ['WLCARE', 'WellCare', 2, 180, [90, 60], 33, 0.16, 0.41, 'ADVANTAGE'],
  ['OSCAR', 'Oscar Health', 2, 90, [180], 20, 0.12, 0.54, 'COMMERCIAL'],
  ['TRICR', 'TRICARE East', 2, 365, [90, 60], 18, 0.06, 0.47, 'GOVERNMENT'],
  ['CHMPVA', 'CHAMPVA', 1, 365, [365], 40, 0.07, 0.46, 'GOVERNMENT'],
  ['GEHA', 'GEHA', 2, 365, [180], 17, 0.07, 0.63, 'COMMERCIAL'],
  ['MERITN', 'Meritain Health', 1, 365, [180], 27, 0.11, 0.64, 'COMMERCIAL'],
  ['UMR', 'UMR', 2, 90, [180], 26, 0.13, 0.59, 'COMMERCIAL'],
  ['HPHC', 'Harvard Pilgrim Health Care', 1, 90, [180], 22, 0.09, 0.61, 'COMMERCIAL'],
  ['EMBLEM', 'EmblemHealth', 1, 120, [180, 60], 31, 0.14, 0.53, 'COMMERCIAL'],
  ['CAREF', 'CareFirst BlueCross BlueShield', 2, 365, [180], 20, 0.08, 0.62, 'COMMERCIAL'],
  ['PRIOR', 'Priority Health', 1, 180, [180], 19, 0.08, 0.6, 'COMMERCIAL'],
  ['TXMUT', 'Texas Mutual (workers compensation)', 1, 95, [90], 45, 0.2, 0.7, 'WORKERS_COMP'],
  ['LIBMU', 'Liberty Mutual (workers compensation)', 1, 180, [60], 42, 0.19, 0.72, 'WORKERS_COMP'],
];

function habitsOf(row: Row): PayerHabits {
  const [, , , , , responseDays, denialRate, allowedRatio, kind] = row;
  const slow = responseDays >= 30;
  return {
    rejectionRate: kind === 'MEDICAID' || kind === 'WORKERS_COMP' ? 0.08 : 0.04,
    pendRate: kind === 'WORKERS_COMP' ? 0.2 : slow ? 0.1 : 0.05,
    denialRate,
    partialRate: kind === 'MEDICARE' ? 0.06 : 0.09,
    silenceRate: slow ? 0.07 : 0.03,
    reversalRate: kind === 'MEDICARE' || kind === 'ADVANTAGE' ? 0.04 : 0.03,
    overturnRate: kind === 'MEDICARE' ? 0.55 : kind === 'MEDICAID' ? 0.35 : 0.45,
    allowedRatio,
    patientShare:
      kind === 'MEDICAID' || kind === 'WORKERS_COMP'
        ? 'NONE'
        : kind === 'MEDICARE' || kind === 'ADVANTAGE'
          ? 'MEDICARE'
          : 'COMMERCIAL',
  };
}

/** The payers of every seeded book: fixed, so that books of different seeds agree on each payer's rules. */
export const SEED_PAYERS: readonly SeedPayer[] = ROWS.map((row) => ({
  payerId: row[0],
  name: row[1],
  weight: row[2],
  rules: { timelyFilingDays: row[3], appealWindowDays: row[4], responseDays: row[5], version: 1 },
  habits: habitsOf(row),
}));
