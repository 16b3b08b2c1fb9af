import type { X12Problem } from './x12-problem.js';

/** One CAS adjustment triplet: group code (CO, PR, OA, PI, CR), CARC and amount. */
export interface Cas {
  groupCode: string;
  carc: string;
  amountCents: number;
  quantity?: number;
}

/** Loop 2110: one service line of a claim. */
export interface RemittanceLine {
  /** REF*6R, when it is numeric. */
  lineNumber?: number;
  /** SVC01-2 */
  procedureCode: string;
  modifiers: string[];
  chargeCents: number;
  paidCents: number;
  units?: number;
  serviceDate?: string;
  adjustments: Cas[];
  /** LQ*HE remark codes. */
  rarcs: string[];
  position: number;
}

export interface RemittancePatient {
  lastName?: string;
  firstName?: string;
  memberId?: string;
}

/** Loop 2100: one claim payment (CLP). */
export interface RemittanceClaim {
  /** CLP01 */
  patientControlNumber: string;
  /** CLP02 (1, 2, 3, 4, 19, 20, 21, 22, 23, 25) */
  statusCode: string;
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents?: number;
  filingIndicator?: string;
  payerClaimNumber?: string;
  /** Claim-level CAS, every triplet of every segment. */
  adjustments: Cas[];
  lines: RemittanceLine[];
  /** MIA/MOA remark codes. */
  rarcs: string[];
  /** NM1*TT */
  crossoverPayer?: { name: string; id?: string };
  /**
   * NM1*QC (patient name) and the member id (NM1*IL NM109, else NM1*QC NM109): PHI. Posting a payment seals it with
   * the claim's patient key before any event sees it; no report, remittance record or log carries it.
   */
  patient?: RemittancePatient;
  /** DTM*232 */
  serviceDateFrom?: string;
  /** DTM*233 */
  serviceDateTo?: string;
  position: number;
}

/** One PLB reason/amount pair. A positive amount reduces the payment, a negative one (L6 interest) adds to it. */
export interface ProviderAdjustment {
  providerId: string;
  fiscalPeriodDate?: string;
  reasonCode: string;
  reference?: string;
  amountCents: number;
  position: number;
}

/** One 835 transaction set (ST…SE). */
export interface Remittance {
  /** ST02 */
  controlNumber: string;
  /** N1*PR name; id is N1*PR N104 if present, else TRN03. */
  payer: { name: string; id: string };
  /** N1*PE */
  payee: { name: string; npi?: string };
  /** TRN02: the check or EFT trace number. */
  traceNumber: string;
  /** BPR04: ACH, CHK, NON, BOP, FWT */
  paymentMethod: string;
  /** BPR02 */
  totalPaidCents: number;
  /** BPR03 */
  creditDebit: 'C' | 'D';
  /** BPR16 */
  paymentDate: string;
  claims: RemittanceClaim[];
  providerAdjustments: ProviderAdjustment[];
  position: number;
}

export type Parse835Result =
  { ok: true; remittances: Remittance[] } | { ok: false; problems: X12Problem[]; remittances: Remittance[] };
