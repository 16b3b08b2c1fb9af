import { errorSummary } from '@claimtrail/platform';
import { isTransientError } from './projection-errors.js';

const sqlError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isTransientError', () => {
  it.each([
    ['a lost connection', sqlError('08006')],
    ['an administrator shutdown', sqlError('57P01')],
    ['a serialization failure', sqlError('40001')],
    ['a full disk', sqlError('53100')],
    ['a missing table after a bad deployment', sqlError('42P01')],
    ['a missing privilege', sqlError('42501')],
    ['a reset socket', sqlError('ECONNRESET')],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
  ])('retries the batch on %s', (_label, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a date out of range', sqlError('22008')],
    ['a NUL byte in text', sqlError('22021')],
    ['a violated constraint', sqlError('23514')],
    ['a bug in the projection', new TypeError("Cannot read properties of undefined (reading 'lines')")],
  ])('quarantines the stream on %s', (_label, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});

describe('errorSummary', () => {
  it('keeps the class and SQLSTATE and drops the message, which may quote row values', () => {
    const error = Object.assign(new Error('value "PATIENT SMITH" out of range'), { code: '22008' });
    expect(errorSummary(error)).toBe('Error (22008)');
    expect(errorSummary(new RangeError('PATIENT SMITH'))).toBe('RangeError');
  });
});
