import type { X12Problem } from './x12-problem.js';

/** One status from STC01 (or STC10/STC11) of a 277CA. */
export interface ClaimStatus {
  /** STC01-1: A1, A2, A3, A4, A6, A7, A8, P1…P5, F2… */
  category: string;
  /** STC01-2 */
  code: string;
  /** STC01-3 */
  entity?: string;
  /** STC02 */
  effectiveDate?: string;
  /** STC04 */
  amountCents?: number;
}

/** Loop 2220D: the status of one service line. */
export interface ClaimStatusLine {
  procedureCode: string;
  chargeCents: number;
  statuses: ClaimStatus[];
  position: number;
}

/** Loop 2200D: one claim's acknowledgement. Patient names and ids (NM1*QC) are deliberately not kept. */
export interface ClaimStatusReport {
  /** 2200D TRN02 */
  patientControlNumber: string;
  /** REF*1K */
  payerClaimNumber?: string;
  statuses: ClaimStatus[];
  /** STC04 of the claim's first STC: the total claim charge. */
  chargeCents?: number;
  serviceDateFrom?: string;
  serviceDateTo?: string;
  lines: ClaimStatusLine[];
  /** Of the claim's HL*PT segment. */
  position: number;
}

/** One 277 transaction set (ST…SE). */
export interface Acknowledgement {
  controlNumber: string;
  /** NM1*PR of loop 2100A (NM1*AY, a clearinghouse, when there is no PR). */
  payer: { name: string; id?: string };
  /** DTP*050 of loop 2200A. */
  receivedDate?: string;
  claims: ClaimStatusReport[];
  position: number;
}

export type Parse277Result =
  | { ok: true; acknowledgements: Acknowledgement[] }
  | { ok: false; problems: X12Problem[]; acknowledgements: Acknowledgement[] };
