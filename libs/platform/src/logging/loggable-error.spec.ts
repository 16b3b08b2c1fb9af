import { QueryFailedError } from 'typeorm';
import { errorSummary, loggableError } from './loggable-error.js';

const PATIENT = 'SMITH-JOHN-19700101';

// pg's own class: named 'error' after the protocol message.
class DatabaseError extends Error {
  override name = 'error';
}

/** What pg hands TypeORM for a failed statement: the message and detail quote the row. */
function driverError(): Error {
  return Object.assign(new DatabaseError(`duplicate key value violates unique constraint: ${PATIENT}`), {
    code: '23505',
    detail: `Key (patient_ref)=(${PATIENT}) already exists.`,
    where: `SQL statement "INSERT ... VALUES ('${PATIENT}')"`,
    hint: `Check ${PATIENT}`,
  });
}

describe('loggableError', () => {
  it('keeps the class, SQLSTATE and stack frames of a failed query, and nothing of its text', () => {
    const error = new QueryFailedError(
      `INSERT INTO claim_summaries (patient_ref) VALUES ($1)`,
      [PATIENT],
      driverError(),
    );
    const logged = loggableError(error);
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '23505' });
    expect(logged.stack).toMatch(/^QueryFailedError\n\s+at /);
    expect(JSON.stringify(logged)).not.toMatch(new RegExp(`${PATIENT}|INSERT|duplicate|Key \\(`));
  });

  it('names the cause without its message', () => {
    const logged = loggableError(new Error(`failed for ${PATIENT}`, { cause: driverError() }));
    expect(logged.cause).toEqual({ type: 'DatabaseError', code: '23505' });
    expect(JSON.stringify(logged)).not.toContain(PATIENT);
  });

  it('drops a code that is not a plain token', () => {
    expect(loggableError(Object.assign(new Error('x'), { code: `${PATIENT} here` })).code).toBeUndefined();
  });

  it('describes what is not an error by its type only', () => {
    expect(loggableError(PATIENT)).toEqual({ type: 'string' });
  });
});

describe('errorSummary', () => {
  it('is the class and code on one line', () => {
    expect(errorSummary(driverError())).toBe('DatabaseError (23505)');
    expect(errorSummary(new TypeError(PATIENT))).toBe('TypeError');
  });
});
