import type { ArgumentMetadata } from '@nestjs/common';
import { RequestValidationError, TextInputPipe } from '@claimtrail/platform';
import { textRuleBroken } from '../domain/index.js';

// The pipe as the API wires it: the platform's walk over every argument with the claims domain's text rules.
const pipe = new TextInputPipe(textRuleBroken);
const argument = (name: string): ArgumentMetadata => ({ type: 3 as never, data: name });

function problemsOf(value: unknown, metadata: ArgumentMetadata) {
  try {
    pipe.transform(value, metadata);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    return (error as RequestValidationError).problems;
  }
  return [];
}

describe('the text input pipe', () => {
  it.each([
    ['a NUL in a claim id argument', 'id', 'CLM\u00001', 'id'],
    ['a lone surrogate in a cursor', 'after', 'WyIy\uD800', 'after'],
    ['a newline in a position', 'atLeastPosition', '1\n2', 'atLeastPosition'],
    [
      'a control character in a filter list',
      'filter',
      { payerId: ['MCRTX', 'AB\u001B'] },
      'filter.payerId[1]',
    ],
    [
      'a NUL in a nested service line',
      'input',
      { claimId: 'CLM-1', lines: [{ procedureCode: '99214' }, { procedureCode: '9\u00004' }] },
      'lines[1].procedureCode',
    ],
    ['a lone surrogate in free text', 'input', { claimId: 'CLM-1', reason: 'no \uDC00' }, 'reason'],
    ['a bare carriage return in free text', 'input', { note: 'a\rb' }, 'note'],
    ['a C1 control in a payer name', 'input', { payerId: 'AB', name: 'Aetna\u0085' }, 'name'],
    ['a tab in an id', 'input', { claimId: 'CLM\t1' }, 'claimId'],
  ])('refuses %s, naming the field and the rule but not the value', (_label, name, value, field) => {
    const problems = problemsOf(value, argument(name));
    expect(problems).toEqual([{ field, message: expect.stringMatching(/^\S+ must not contain /) }]);
    expect(problems[0]!.message.startsWith(`${field} `)).toBe(true);
  });

  it('keeps tabs, line feeds and CR LF in free text and returns the argument untouched', () => {
    const input = { claimId: 'CLM-1', reason: 'a\r\nb\tc', note: 'd\ne', outcome: 'ok \uD83D\uDC4D' };
    expect(pipe.transform(input, argument('input'))).toBe(input);
  });

  it('lists every string at fault', () => {
    const problems = problemsOf({ claimId: '\u0000', rarcs: ['N1', '\uD800'] }, argument('input'));
    expect(problems.map((p) => p.field)).toEqual(['claimId', 'rarcs[1]']);
  });

  it('leaves numbers, booleans and nulls alone', () => {
    expect(pipe.transform({ first: 5, ok: true, after: null }, argument('input'))).toEqual({
      first: 5,
      ok: true,
      after: null,
    });
  });

  it('does not walk what is not client input (context, info, custom decorators)', () => {
    const context = { req: { headers: { cookie: '\u0000' } } };
    expect(pipe.transform(context, { type: 1 as never })).toBe(context);
    expect(pipe.transform(context, { type: 'custom' })).toBe(context);
  });
});
