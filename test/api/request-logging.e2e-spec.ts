import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, submitClaimInput } from '../support/claim-inputs.js';

// Stands for patient data: it goes into every free-text field, id, header and URL the test can reach.
const MARKER = 'ZqPHI7Marker';
const marked = (label: string) => `${label} ${MARKER} text`;
const markedId = (prefix: string) => `${prefix}-${MARKER}-${Math.random().toString(36).slice(2, 8)}`;

type LogLine = Record<string, any>;

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

interface Sent {
  requestId: string;
  status: number;
  codes: string[];
  operationName?: string;
  correlationId: string;
  actor?: string;
  path: string;
  echoedId: string | null;
}

const mutation = (name: string) => {
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const operation = `${name[0]!.toUpperCase()}${name.slice(1)}`;
  return `mutation ${operation}($input: ${type}!) { ${name}(input: $input) { claimId version position } }`;
};

describe('request logs', () => {
  let api: TestApi;
  const lines: string[] = [];
  const stray: string[] = [];
  const sent: Sent[] = [];
  let counter = 0;
  let token = '';

  beforeAll(async () => {
    // Anything printed outside the logger (console, raw stdout/stderr) is checked for the marker too.
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        stray.push(args.map(String).join(' '));
      });
    }
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: any[]) => {
        stray.push(String(chunk));
        return write(chunk as string, ...rest);
      }) as typeof stream.write);
    }
    api = await startTestApi({ LOG_LEVEL: 'info', READ_YOUR_WRITES_TIMEOUT_MS: '300' }, undefined, {
      logDestination: { write: (line: string) => void lines.push(...line.split('\n').filter(Boolean)) },
    });
    token = (await api.as('biller-7')).authorization;
  });
  afterAll(async () => {
    await api?.close();
    jest.restoreAllMocks();
  });

  const parsed = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);
  const requestLines = () => parsed().filter((line) => line.req && line.responseTime !== undefined);

  /** Sends a request with a request id of its own, a bearer token and a cookie that must never be logged. */
  async function send(body: string, options: { path?: string; headers?: Record<string, string> } = {}) {
    const requestId = `t-${++counter}`;
    const correlationId = `corr-${counter}`;
    const headers = {
      'content-type': 'application/json',
      authorization: token,
      cookie: `session=${MARKER}`,
      'x-request-id': requestId,
      'x-correlation-id': correlationId,
      ...options.headers,
    };
    const response = await fetch(api.url.replace('/graphql', options.path ?? '/graphql'), {
      method: 'POST',
      headers,
      body,
    });
    const json = (await response.json()) as { data?: Record<string, any>; errors?: any[] };
    sent.push({
      requestId,
      correlationId: headers['x-correlation-id'] === correlationId ? correlationId : 'invalid',
      status: response.status,
      codes: [...new Set((json.errors ?? []).map((e) => e.extensions?.code as string))],
      operationName: /^\s*(?:query|mutation) (\w+)/.exec(body.replace(/^\{"query":"/, ''))?.[1],
      // The actor is the token's subject, known once the body is a GraphQL request.
      actor: isJson(body) ? 'biller-7' : undefined,
      path: '/graphql',
      echoedId: response.headers.get('x-request-id'),
    });
    return json;
  }

  const gql = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
    send(JSON.stringify({ query, variables }), { headers });

  async function run(name: string, input: Record<string, unknown>) {
    const result = await gql(mutation(name), { input });
    expect({ name, errors: result.errors }).toEqual({ name, errors: undefined });
    return result.data![name] as { position: string };
  }

  async function submit(overrides: Record<string, unknown> = {}): Promise<string> {
    const input = submitClaimInput({
      claimId: markedId('CLM'),
      patientRef: markedId('PT'),
      lines: [
        {
          procedureCode: '99215',
          modifiers: [],
          units: 1,
          chargeCents: 100_000,
          diagnosisPointers: [1],
          serviceDate: '2026-03-02',
        },
      ],
      occurredAt: '2026-03-05T12:00:00.000Z',
      commandId: markedId('cmd'),
      ...overrides,
    });
    const result = await gql(SUBMIT_CLAIM, { input });
    expect(result.errors).toBeUndefined();
    return input.claimId as string;
  }

  it('drives every mutation and error path without a patient detail in any log line', async () => {
    // Every mutation, each with the marker in its free text and ids.
    const paid = await submit();
    const at = (day: string) => ({ occurredAt: `2026-${day}T09:00:00Z`, commandId: markedId('cmd') });
    await run('acknowledgeClaim', {
      claimId: paid,
      payerClaimNumber: markedId('PCN'),
      statusCode: 'A1',
      ...at('03-06'),
    });
    await run('pendClaim', {
      claimId: paid,
      statusCode: 'R4',
      requested: marked('requested'),
      infoDueDate: '2026-04-10',
      ...at('03-20'),
    });
    await run('submitAdditionalInfo', { claimId: paid, description: marked('description'), ...at('03-25') });
    await run('denyClaim', {
      claimId: paid,
      groupCode: 'CO',
      carc: '50',
      rarcs: ['N115'],
      deniedAmountCents: 100_000,
      ...at('04-15'),
    });
    await run('appealClaim', { claimId: paid, level: 1, reason: marked('appeal'), ...at('04-20') });
    await run('decideAppeal', { claimId: paid, outcome: 'OVERTURNED', ...at('05-20') });
    const remittance = {
      paidDate: '2026-05-28',
      billedCents: 100_000,
      paidCents: 60_000,
      allowedCents: 75_000,
      adjustments: [
        { groupCode: 'CO', carc: '45', amountCents: 25_000 },
        { groupCode: 'PR', carc: '2', amountCents: 15_000 },
      ],
    };
    const firstPayment = markedId('EFT');
    await run('recordPayment', { claimId: paid, paymentId: firstPayment, ...remittance, ...at('05-28') });
    await run('reversePayment', {
      claimId: paid,
      paymentId: firstPayment,
      reason: marked('takeback'),
      ...at('05-29'),
    });
    await run('recordPayment', { claimId: paid, paymentId: markedId('EFT'), ...remittance, ...at('05-30') });
    await run('billPatient', {
      claimId: paid,
      statementId: markedId('ST'),
      amountCents: 15_000,
      dueDate: '2026-06-30',
      ...at('06-01'),
    });
    await run('recordPatientPayment', {
      claimId: paid,
      paymentId: markedId('CARD'),
      amountCents: 15_000,
      method: marked('card'),
      ...at('06-10'),
    });

    const voided = await submit();
    await run('rejectClaim', { claimId: voided, statusCode: 'A7', reason: marked('reject'), ...at('03-06') });
    await run('resubmitClaim', {
      claimId: voided,
      frequency: 'ORIGINAL',
      reason: marked('resubmit'),
      ...at('03-07'),
    });
    await run('logFollowUp', {
      claimId: voided,
      channel: 'PHONE',
      outcome: marked('outcome'),
      payerReference: markedId('REF'),
      note: marked('note'),
      nextActionDate: '2026-04-01',
      ...at('03-08'),
    });
    await run('assignClaim', { claimId: voided, assignee: markedId('biller'), ...at('03-09') });
    await run('voidClaim', { claimId: voided, reason: marked('void'), ...at('03-10') });

    const writtenOff = await submit();
    await run('denyClaim', {
      claimId: writtenOff,
      groupCode: 'CO',
      carc: '50',
      deniedAmountCents: 100_000,
      ...at('03-15'),
    });
    await run('writeOffBalance', {
      claimId: writtenOff,
      reason: 'BAD_DEBT',
      note: marked('write-off'),
      ...at('03-16'),
    });

    // Refusals: bad input in every form, not found, conflicts, transitions, deadlines, unbalanced money.
    const refused: [string, string | Record<string, unknown>, string][] = [
      [
        'submitClaim',
        { ...submitClaimInput({ patientRef: markedId('PT') }), claimId: marked('bad id') },
        'BAD_USER_INPUT',
      ],
      [
        'logFollowUp',
        { claimId: paid, channel: 'PHONE', outcome: 'x'.repeat(600) + MARKER },
        'BAD_USER_INPUT',
      ],
      ['assignClaim', { claimId: markedId('CLM'), assignee: markedId('biller') }, 'NOT_FOUND'],
      ['voidClaim', { claimId: voided, reason: marked('again') }, 'INVALID_TRANSITION'],
      [
        'billPatient',
        { claimId: writtenOff, statementId: markedId('ST'), amountCents: 100, dueDate: '2026-06-01' },
        'INVALID_TRANSITION',
      ],
      [
        'logFollowUp',
        { claimId: paid, channel: 'PHONE', outcome: marked('stale'), expectedVersion: 0 },
        'CONFLICT',
      ],
    ];
    for (const [name, input, code] of refused) {
      const result = await gql(mutation(name), { input });
      expect({ name, code: result.errors?.[0]?.extensions?.code }).toEqual({ name, code });
    }
    const again = await gql(SUBMIT_CLAIM, {
      input: submitClaimInput({ claimId: paid, patientRef: markedId('PT') }),
    });
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
    const late = await submit({ occurredAt: '2026-03-06T12:00:00.000Z' });
    await run('denyClaim', {
      claimId: late,
      groupCode: 'CO',
      carc: '50',
      deniedAmountCents: 100_000,
      ...at('03-15'),
    });
    const deadline = await gql(mutation('appealClaim'), {
      input: { claimId: late, level: 1, reason: marked('too late'), ...at('09-01') },
    });
    expect(deadline.errors![0]!.extensions!.code).toBe('DEADLINE_PASSED');
    const unbalanced = await gql(mutation('recordPayment'), {
      input: {
        claimId: await submit(),
        paymentId: markedId('EFT'),
        paidDate: '2026-03-20',
        paidCents: 60_000,
        adjustments: [{ groupCode: 'CO', carc: '45', amountCents: 10_000 }],
      },
    });
    expect(unbalanced.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REMITTANCE_UNBALANCED',
    });
    const coercion = await gql(SUBMIT_CLAIM, {
      input: { ...submitClaimInput(), lines: [{ ...submitClaimInput().lines[0], units: MARKER }] },
    });
    expect(coercion.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const badHeader = await gql(
      mutation('assignClaim'),
      { input: { claimId: paid, assignee: 'biller-2' } },
      {
        'x-correlation-id': `${MARKER} with spaces`,
      },
    );
    expect(badHeader.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const lagging = await gql(
      `query Lagging($id: ID!) { claim(id: $id, atLeastPosition: "99999999999999999999/00000000000000000001") { id } }`,
      {
        id: markedId('CLM'),
      },
    );
    expect(lagging.errors![0]!.extensions!.code).toBe('READ_MODEL_LAGGING');
    const malformed = await send(`{"query": "${MARKER}`, { path: `/graphql?patient=${MARKER}` });
    expect(malformed.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const invalidRequestId = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `${MARKER} <script>` },
      body: JSON.stringify({ query: '{ payers { payerId } }' }),
    });

    // An unexpected error: the read model's table is gone, and the failing SELECT has a patient's claim id.
    await api.app.get(DataSource).query('DROP TABLE claim_summaries');
    const internal = await gql(`query Broken($id: ID!) { claim(id: $id) { id patientRef } }`, {
      id: markedId('CLM'),
    });
    expect(internal.errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    // ...and the projection fails on a claim full of patient data.
    await submit();
    await settle(() => parsed().some((line) => line.context === 'Projector' && line.level === 50));
    await settle(() => sent.every(({ requestId }) => requestLines().some((l) => l.req.id === requestId)));

    // First of all, nothing anywhere holds patient data: not the log lines, not what reached the console.
    expect(stray.filter((text) => text.toLowerCase().includes(MARKER.toLowerCase()))).toEqual([]);
    expect(lines.filter((line) => line.toLowerCase().includes(MARKER.toLowerCase()))).toEqual([]);

    // Every line is JSON (parsed() throws otherwise), boot lines included; no header, variable or SQL text.
    const all = parsed();
    expect(all.some((line) => line.context === 'InstanceLoader')).toBe(true);
    expect(all.some((line) => line.context === 'Api' && /^Listening on /.test(line.msg))).toBe(true);
    expect(
      lines.filter((line) => /authorization|cookie|"headers"|variables|SELECT |INSERT /i.test(line)),
    ).toEqual([]);

    // One line per request, with what on-call needs.
    for (const request of sent) {
      const mine = requestLines().filter((line) => line.req.id === request.requestId);
      expect({ id: request.requestId, count: mine.length }).toEqual({ id: request.requestId, count: 1 });
      const [line] = mine;
      expect(request.echoedId).toBe(request.requestId);
      expect(line).toMatchObject({
        req: { id: request.requestId, method: 'POST' },
        res: { statusCode: request.status },
        correlationId: request.correlationId,
      });
      expect(typeof line.responseTime).toBe('number');
      expect(line.actor).toBe(request.actor);
      expect(line.req.path).toBe(request.path);
      if (request.status === 200) expect(line.operationName).toBe(request.operationName);
      if (request.codes.length > 0) expect(line.errorCodes).toEqual(request.codes);
      else expect(line.errorCodes).toBeUndefined();
      if (request.codes.includes('INTERNAL_SERVER_ERROR')) continue;
      // A refused command is routine: info, no error object, no stack.
      expect({ id: request.requestId, level: line.level, err: line.err }).toEqual({
        id: request.requestId,
        level: 30,
        err: undefined,
      });
      expect(JSON.stringify(line)).not.toMatch(/stack|\bat \//);
    }
    expect(sent.filter((request) => request.correlationId === 'invalid')).toHaveLength(1);
    expect(lines.filter((line) => line.includes(token.slice('Bearer '.length)))).toEqual([]);
    // A request id that is not a plain token is replaced, in the response and the log.
    const replaced = invalidRequestId.headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(requestLines().filter((line) => line.req.id === replaced)).toHaveLength(1);

    // The unexpected error is one error line: the request's, with class, SQLSTATE and stack frames.
    const broken = sent.find((request) => request.codes.includes('INTERNAL_SERVER_ERROR'))!;
    const errorLines = all.filter((line) => line.level >= 50 && line.req?.id === broken.requestId);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatchObject({
      operationName: 'Broken',
      errorCodes: ['INTERNAL_SERVER_ERROR'],
      err: { type: 'QueryFailedError', code: '42P01' },
    });
    expect(errorLines[0]!.err.stack).toMatch(/^QueryFailedError\n\s+at /);
    expect(all.filter((line) => line.level >= 50 && !line.req && line.context !== 'Projector')).toEqual([]);
    // TypeORM says which kind of statement failed and why (pg's error), and nothing of the statement.
    expect(all).toContainEqual(
      expect.objectContaining({
        context: 'TypeORM',
        level: 40,
        req: expect.objectContaining({ id: broken.requestId }),
        statement: 'SELECT',
        err: { type: 'DatabaseError', code: '42P01' },
      }),
    );
    const projector = all.find((line) => line.context === 'Projector' && line.level === 50)!;
    expect(projector.err).toMatchObject({ type: 'QueryFailedError', code: '42P01' });
    expect(projector.err.stack).toMatch(/^QueryFailedError\n\s+at /);
  });
});

/** Waits, up to a bound, for lines written after the responses (pino-http writes when a response finishes). */
async function settle(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
