import type { ClaimEvent } from '../domain/index.js';
import { appealDecided, claimAppealed, claimDenied } from './denial-appeal.builders.js';
import { claimVoided } from './follow-up.builders.js';
import { balanceWrittenOff, patientBilled, patientPaymentReceived } from './patient.builders.js';
import { claimPaid, claimPartiallyPaid } from './payment.builders.js';
import { claimAcknowledged, claimPended, claimRejected, claimSubmitted } from './submission.builders.js';

/** Histories that reach each status along the default story. */
export const history = {
  submitted: (): ClaimEvent[] => [claimSubmitted()],
  rejected: (): ClaimEvent[] => [claimSubmitted(), claimRejected()],
  accepted: (): ClaimEvent[] => [claimSubmitted(), claimAcknowledged()],
  pended: (): ClaimEvent[] => [...history.accepted(), claimPended()],
  denied: (): ClaimEvent[] => [...history.accepted(), claimDenied()],
  /** Non-covered, the patient signed an advance notice: billable to the patient. */
  deniedToPatient: (): ClaimEvent[] => [...history.accepted(), claimDenied({ groupCode: 'PR', carc: '96' })],
  appealed: (): ClaimEvent[] => [...history.denied(), claimAppealed()],
  overturned: (): ClaimEvent[] => [...history.appealed(), appealDecided()],
  paid: (): ClaimEvent[] => [...history.accepted(), claimPaid()],
  partiallyPaid: (): ClaimEvent[] => [...history.accepted(), claimPartiallyPaid()],
  patientBilled: (): ClaimEvent[] => [...history.paid(), patientBilled()],
  writtenOff: (): ClaimEvent[] => [...history.denied(), balanceWrittenOff()],
  closed: (): ClaimEvent[] => [...history.patientBilled(), patientPaymentReceived()],
  voided: (): ClaimEvent[] => [claimSubmitted(), claimVoided()],
};
