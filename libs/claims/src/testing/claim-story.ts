// The story the builders tell by default: a $1,000.00 Medicare claim, acknowledged, denied CO-50, appealed,
// overturned, paid, its patient share billed and paid. Each event builder matches what its command builder decides
// on that path.

export const SUBMITTED_AT = '2026-03-10T15:00:00.000Z';

/** Business times of the default story, in order. */
export const AT = {
  submitted: SUBMITTED_AT,
  rejected: '2026-03-11T10:00:00.000Z',
  assigned: '2026-03-11T12:00:00.000Z',
  acknowledged: '2026-03-12T10:00:00.000Z',
  resubmitted: '2026-03-12T10:00:00.000Z',
  voided: '2026-03-15T10:00:00.000Z',
  pended: '2026-03-20T10:00:00.000Z',
  infoSubmitted: '2026-03-25T10:00:00.000Z',
  followUp: '2026-04-01T10:00:00.000Z',
  denied: '2026-04-10T10:00:00.000Z',
  appealed: '2026-04-15T10:00:00.000Z',
  appealDecided: '2026-05-20T10:00:00.000Z',
  paid: '2026-05-28T10:00:00.000Z',
  patientBilled: '2026-06-01T10:00:00.000Z',
  reversed: '2026-06-03T10:00:00.000Z',
  patientPaid: '2026-06-20T10:00:00.000Z',
  writtenOff: '2026-07-15T10:00:00.000Z',
} as const;

export const dateOf = (instant: string): string => instant.slice(0, 10);
