import {
  appealClaim,
  claimVoided,
  followUpLogged,
  given,
  history,
  logFollowUp,
  pendClaim,
  recordPatientPayment,
  rejectClaim,
  reversePayment,
  submitAdditionalInfo,
  voidClaim,
  writeOffBalance,
} from '../testing/index.js';
import { textRuleBroken } from './claim.text.js';

const controls = [
  ['NUL', '\u0000'],
  ['bell', '\u0007'],
  ['vertical tab', '\u000B'],
  ['form feed', '\u000C'],
  ['escape', '\u001B'],
  ['unit separator', '\u001F'],
  ['delete', '\u007F'],
  ['C1 padding', '\u0080'],
  ['C1 CSI', '\u009B'],
  ['application program command', '\u009F'],
  ['a lone carriage return', '\r'],
] as const;

const surrogates = [
  ['a lone high surrogate', '\uD800'],
  ['a lone low surrogate', '\uDC00'],
  ['a high surrogate at the end', 'ok\uDBFF'],
  ['two high surrogates', '\uD83D\uD83D\uDE00'],
  ['a low surrogate first', '\uDE00\uD83D'],
] as const;

describe('the text checker', () => {
  it.each([
    ['plain text', 'Called the payer, claim in review'],
    ['tabs and line breaks', 'line one\nline two\r\n\tindented'],
    ['letters beyond Latin-1', 'Ærø, São Paulo, Łódź, 東京'],
    ['a surrogate pair (emoji)', 'done \uD83D\uDC4D'],
    ['non-breaking space (U+00A0)', 'a\u00A0b'],
  ])('accepts %s in multi-line text', (_label, value) => {
    expect(textRuleBroken(value, 'multiline')).toBeUndefined();
  });

  it.each(controls)('refuses %s in multi-line text', (_label, char) => {
    expect(textRuleBroken(`before${char}after`, 'multiline')).toBe(
      'must not contain control characters other than tab and line breaks',
    );
  });

  it.each([...controls, ['tab', '\t'] as const, ['line feed', '\n'] as const, ['CR LF', '\r\n'] as const])(
    'refuses %s in a token (ids, codes, references, cursors)',
    (_label, char) => {
      expect(textRuleBroken(`AB${char}12`, 'token')).toBe('must not contain control characters');
    },
  );

  it.each(surrogates)('refuses %s in either kind', (_label, value) => {
    expect(textRuleBroken(value, 'multiline')).toBe('must not contain unpaired UTF-16 surrogates');
    expect(textRuleBroken(value, 'token')).toBe('must not contain unpaired UTF-16 surrogates');
  });
});

describe('free text in commands, whoever sends them', () => {
  const cases = [
    ['rejected', 'reason', history.submitted, (text: string) => rejectClaim({ reason: text })],
    ['pended', 'requested', history.submitted, (text: string) => pendClaim({ requested: text })],
    [
      'additional info',
      'description',
      history.pended,
      (text: string) => submitAdditionalInfo({ description: text }),
    ],
    ['appealed', 'reason', history.denied, (text: string) => appealClaim({ reason: text })],
    ['reversed', 'reason', history.paid, (text: string) => reversePayment({ reason: text })],
    [
      'paid by the patient',
      'method',
      history.patientBilled,
      (text: string) => recordPatientPayment({ method: text }),
    ],
    ['written off', 'note', history.denied, (text: string) => writeOffBalance({ note: text })],
    ['voided', 'reason', history.submitted, (text: string) => voidClaim({ reason: text })],
    ['followed up', 'outcome', history.submitted, (text: string) => logFollowUp({ outcome: text })],
    ['followed up', 'note', history.submitted, (text: string) => logFollowUp({ note: text })],
  ] as const;

  describe.each(cases)('%s: %s', (_label, field, events, command) => {
    it('refuses a NUL byte, naming the field', () => {
      given(events()).when(command('payer said\u0000no')).thenThrows('VALIDATION_FAILED', field);
    });

    it('refuses a lone surrogate, naming the field', () => {
      given(events()).when(command('payer said \uD800')).thenThrows('VALIDATION_FAILED', field);
    });
  });

  it('keeps tabs and line breaks in a reason', () => {
    const reason = 'Duplicate claim.\r\nSee\tticket 7';
    given(history.submitted())
      .when(voidClaim({ reason }))
      .then([claimVoided({ reason })]);
  });

  it('keeps an emoji in a follow-up note', () => {
    const note = 'Payer promised a callback \uD83D\uDC4D';
    given(history.submitted())
      .when(logFollowUp({ note }))
      .then([followUpLogged({ note })]);
  });
});
