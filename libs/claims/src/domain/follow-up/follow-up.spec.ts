import {
  assignClaim,
  claimAssigned,
  claimOf,
  claimVoided,
  followUpLogged,
  given,
  history,
  logFollowUp,
  voidClaim,
} from '../../testing/index.js';

const open = [
  ['submitted', history.submitted],
  ['rejected', history.rejected],
  ['accepted', history.accepted],
  ['pended', history.pended],
  ['denied', history.denied],
  ['appealed', history.appealed],
  ['paid', history.paid],
  ['partially paid', history.partiallyPaid],
  ['patient billed', history.patientBilled],
] as const;

describe.each(open)('%s', (_status, events) => {
  it('is voided (frequency 8)', () => {
    given(events()).when(voidClaim()).then([claimVoided()]);
    expect(claimOf([...events(), claimVoided()]).status).toBe('VOIDED');
  });

  it('logs a follow-up and keeps its status', () => {
    given(events()).when(logFollowUp()).then([followUpLogged()]);
    const before = claimOf(events());
    const after = claimOf([...events(), followUpLogged()]);
    expect(after).toEqual({ ...before, followUps: [followUpLogged().data] });
  });

  it('is assigned and keeps its status', () => {
    given(events()).when(assignClaim()).then([claimAssigned()]);
    expect(claimOf([...events(), claimAssigned()])).toEqual({ ...claimOf(events()), assignee: 'biller-7' });
  });
});

describe('accepted, logging work', () => {
  it('logs a follow-up with only the required facts', () => {
    given(history.accepted())
      .when(logFollowUp({ channel: 'EDI_276', payerReference: undefined, nextActionDate: undefined }))
      .then([
        {
          type: 'FollowUpLogged',
          data: {
            channel: 'EDI_276',
            outcome: followUpLogged().data.outcome,
            loggedAt: followUpLogged().data.loggedAt,
          },
        },
      ]);
  });

  it.each([
    ['an unknown channel', { channel: 'PIGEON' as never }, 'channel'],
    ['no outcome', { outcome: '' }, 'outcome'],
    ['a next action date before the follow-up', { nextActionDate: '2026-03-31' }, 'nextActionDate'],
    ['a payer reference with spaces', { payerReference: 'REF 1' }, 'payerReference'],
    ['a note longer than 500 characters', { note: 'n'.repeat(501) }, 'note'],
  ])('refuses a follow-up with %s', (_label, overrides, field) => {
    given(history.accepted()).when(logFollowUp(overrides)).thenThrows('VALIDATION_FAILED', field);
  });

  it('refuses an assignee that is not a user id', () => {
    given(history.accepted())
      .when(assignClaim({ assignee: '' }))
      .thenThrows('VALIDATION_FAILED', 'assignee');
  });

  it('refuses a void without a reason', () => {
    given(history.accepted())
      .when(voidClaim({ reason: ' ' }))
      .thenThrows('VALIDATION_FAILED', 'reason');
  });
});
