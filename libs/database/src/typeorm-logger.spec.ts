import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { statementKind, TypeOrmLogger } from './typeorm-logger.js';

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

describe('TypeOrmLogger', () => {
  const logger = new TypeOrmLogger();
  let calls: unknown[][];

  beforeEach(() => {
    calls = [];
    for (const method of ['log', 'warn', 'error', 'debug', 'verbose'] as const)
      jest.spyOn(Logger.prototype, method).mockImplementation((...args: unknown[]) => void calls.push(args));
  });
  afterEach(() => jest.restoreAllMocks());

  it('logs a failed statement by kind and SQLSTATE, never its text or parameters', () => {
    logger.logQueryError(driverError(), `/* claim */ INSERT INTO claim_summaries (patient_ref) VALUES ($1)`, [
      PATIENT,
    ]);
    expect(calls).toEqual([
      [{ statement: 'INSERT', err: { type: 'DatabaseError', code: '23505' } }, 'Database statement failed'],
    ]);
  });

  it('logs neither queries nor slow queries with their text', () => {
    logger.logQuery(`SELECT * FROM claim_summaries WHERE patient_ref = '${PATIENT}'`);
    logger.logQuerySlow(2500, `SELECT * FROM claim_summaries WHERE patient_ref = '${PATIENT}'`, [PATIENT]);
    expect(calls).toEqual([[{ statement: 'SELECT', durationMs: 2500 }, 'Slow database statement']]);
  });

  it("keeps TypeORM's warning and drops the driver text appended to it", () => {
    logger.log('warn', `Postgres pool raised an error. error: invalid input "${PATIENT}"`);
    logger.log('info', `something about ${PATIENT}`);
    expect(calls).toEqual([['Postgres pool raised an error']]);
  });

  it.each([
    ['  select 1', 'SELECT'],
    ['WITH x AS (SELECT 1) SELECT * FROM x', 'WITH'],
    ['-- comment\nUPDATE t SET a = 1', 'UPDATE'],
    [`${PATIENT} is not SQL`, 'OTHER'],
  ])('names the statement kind of %p', (query, kind) => {
    expect(statementKind(query)).toBe(kind);
  });
});
