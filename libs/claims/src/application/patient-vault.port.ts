import type { SealedValue } from '../domain/index.js';

/** What identifies a patient on a real claim (837 loop 2010BA): PHI, sealed before any event sees it. */
export interface PatientIdentity {
  lastName: string;
  firstName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  memberId: string;
}

/** The patient as a payer's remittance names them (835 NM1*QC, NM1*IL): no birth date, and any part may be missing. */
export type RemittedIdentity = Partial<PatientIdentity>;

/** A sealed identity as a reader gets it: opened (a payer's may lack parts), or redacted: the patient was forgotten. */
export type OpenedIdentity = RemittedIdentity | { redacted: true };

export interface IdentityToSeal {
  patientRef: string;
  identity: RemittedIdentity;
}

export interface SealedIdentityRef {
  patientRef: string;
  sealed: SealedValue;
}

/** Keys of one reader (a request): data keys unwrapped once, null for a forgotten patient. */
export type PatientKeyCache = Map<string, Buffer | null>;

/**
 * Where patient identity is sealed with the patient's own key before it reaches a command, and opened for a reader;
 * a forgotten patient's key is gone, so their identity opens as redacted.
 */
export interface PatientVaultPort {
  /** Seals with the patient's key, creating it for a new patient; refuses a forgotten patient. */
  seal(patientRef: string, identity: PatientIdentity): Promise<SealedValue>;
  /**
   * Seals many with one look-up of their keys, creating the missing ones; null, not a refusal, for a forgotten
   * patient, so a caller can go on without an identity that must not come back. In the order given.
   */
  sealMany(items: readonly IdentityToSeal[]): Promise<(SealedValue | null)[]>;
  /** Opens many at once with one look-up of the keys not already in cache; in the order given. */
  open(items: readonly SealedIdentityRef[], cache?: PatientKeyCache): Promise<OpenedIdentity[]>;
}

export const PATIENT_VAULT = Symbol('PATIENT_VAULT');
