import { errorMapping, type ApiErrorCode } from '@claimtrail/platform';
import { PatientError, type PatientErrorCode } from './patient.errors.js';

const CODES: Record<PatientErrorCode, ApiErrorCode> = {
  LEGAL_HOLD: 'LEGAL_HOLD',
  PATIENT_FORGOTTEN: 'CONFLICT',
};

const MEANINGS: Record<PatientErrorCode, string> = {
  LEGAL_HOLD:
    'The patient is under legal hold, so their identity cannot be forgotten until the hold is released.',
  PATIENT_FORGOTTEN:
    'The patient was forgotten (their key is destroyed): no new identity can be sealed for this patientRef.',
};

/** A refused patient command, as the API answers it. */
export const patientErrorMapping = errorMapping({
  errorClass: PatientError,
  reasonOf: (error) => error.code,
  fieldOf: (error) => error.field,
  codes: CODES,
  meanings: MEANINGS,
});
