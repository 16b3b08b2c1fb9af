export type PatientErrorCode = 'LEGAL_HOLD' | 'PATIENT_FORGOTTEN';

/** A refused patient command. Messages never quote a value: the patientRef and the identity are patient data. */
export class PatientError extends Error {
  constructor(
    readonly code: PatientErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'PatientError';
  }
}
