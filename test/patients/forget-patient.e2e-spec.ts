import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { claimCommands, exportCommand, loadClaimTrailConfig } from '@claimtrail/composition';
import { PG_POOL } from '@claimtrail/database';
import { MASTER_KEY_FILE } from '@claimtrail/patients';
import { singleClaimPayment } from '@claimtrail/remittances/testing';
import { Command } from 'commander';
import type { Pool } from 'pg';
import { startTestApi, type TestApi } from '../support/api-harness.js';
import { SUBMIT_CLAIM, remittedClaimInput, submitClaimInput } from '../support/claim-inputs.js';
import { wsClient } from '../support/event-subscriber.js';

// Every part of the identity is a marker no other data holds: once the patient is forgotten, no answer, export or
// log line may contain any of them.
const IDENTITY = {
  lastName: 'ZZMARKERLAST',
  firstName: 'ZZMARKERFIRST',
  birthDate: '1931-07-19',
  memberId: 'ZZMARKERMEMBER9',
};
const MARKERS = /ZZMARKER|1931-07-19/;
const OTHER = { lastName: 'KEEPLAST', firstName: 'KEEPFIRST', birthDate: '1975-05-05', memberId: 'KEEP1' };
const REDACTED = { lastName: null, firstName: null, birthDate: null, memberId: null, redacted: true };

const PATIENT = 'patient { lastName firstName birthDate memberId redacted }';
const CLAIM = `query C($id: ID!, $at: String) { claim(id: $id, atLeastPosition: $at) { id patientRef ${PATIENT} } }`;
const CLAIMS = `query L($at: String) { claims(first: 200, atLeastPosition: $at) { edges { node { id ${PATIENT} } } } }`;
const HISTORY = `query H($id: ID!) { claimHistory(id: $id) { type data currentData } }`;
const AS_OF = `query A($id: ID!, $at: DateTime!) { claimAsOf(id: $id, at: $at) { id ${PATIENT} } }`;
const AT_VERSION = `query V($id: ID!) { claimAtVersion(id: $id, version: 0) { id ${PATIENT} } }`;
const INTEGRITY = `query I($id: ID!) { verifyClaimIntegrity(id: $id) { intact checkedEvents } }`;
const FORGET = `mutation F($input: ForgetPatientInput!) {
  forgetPatient(input: $input) { patientRef forgotten forgottenAt forgottenBy legalHold }
}`;
const HOLD = `mutation H($input: SetPatientLegalHoldInput!) {
  setPatientLegalHold(input: $input) { patientRef legalHold legalHoldReason forgotten }
}`;

describe('forgetting a patient (crypto-shredding their identity)', () => {
  let api: TestApi;
  let pool: Pool;
  const lines: string[] = [];
  const answers: string[] = [];
  const patientRef = `PT-FGT-${Math.random().toString(36).slice(2, 8)}`;
  const otherRef = `PT-KEEP-${Math.random().toString(36).slice(2, 8)}`;
  const first = submitClaimInput({ patientRef, patient: IDENTITY });
  const second = submitClaimInput({ patientRef, patient: IDENTITY });
  const other = submitClaimInput({ patientRef: otherRef, patient: OTHER });
  let lastPosition = '';

  /** A query or mutation that must succeed; its answer is kept for the marker check after forgetting. */
  async function ok<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const result = await api.gql<T>(query, variables, await api.as('privacy-officer'));
    expect(result.errors).toBeUndefined();
    answers.push(JSON.stringify(result));
    return result.data!;
  }

  /** A CLI command run on this API's application, its stdout as text. */
  async function cli(...args: string[]): Promise<string> {
    const program = new Command('claimtrail').exitOverride();
    const context = {
      app: async () => api.app,
      actor: () => 'cli:test',
      config: () => loadClaimTrailConfig({}),
    };
    exportCommand(program, context);
    claimCommands(program, context);
    const out: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(args, { from: 'user' });
    } finally {
      write.mockRestore();
      quiet.mockRestore();
    }
    return out.join('');
  }

  /** The claim's events with their data, replayed from the start over a graphql-ws subscription. */
  async function subscriptionReplay(claimId: string, expected: number): Promise<string[]> {
    const client = wsClient(api.url);
    const received: string[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const stop = client.subscribe(
          {
            query: `subscription E($claimId: ID) { claimEvents(claimId: $claimId) { position type data } }`,
            variables: { claimId },
          },
          {
            next: (result) => {
              if (result.errors) return reject(new Error(JSON.stringify(result.errors)));
              received.push(JSON.stringify(result.data));
              if (received.length === expected) {
                stop();
                resolve();
              }
            },
            error: reject,
            complete: () => resolve(),
          },
        );
      });
    } finally {
      await client.dispose();
    }
    return received;
  }

  beforeAll(async () => {
    api = await startTestApi({ LOG_LEVEL: 'debug', READ_YOUR_WRITES_TIMEOUT_MS: '5000' }, undefined, {
      logDestination: { write: (line: string) => void lines.push(...line.split('\n').filter(Boolean)) },
    });
    pool = api.app.get<Pool>(PG_POOL, { strict: false });
    for (const input of [first, second, other]) {
      const { submitClaim } = await ok<{ submitClaim: { position: string } }>(SUBMIT_CLAIM, { input });
      lastPosition = submitClaim.position;
    }
  });
  afterAll(async () => api?.close());

  it('reads the identity back, opened, while nothing stored holds it in the clear', async () => {
    const { claim } = await ok(CLAIM, { id: first.claimId, at: lastPosition });
    expect(claim.patient).toEqual({ ...IDENTITY, redacted: false });
    const events = await pool.query('SELECT data::text AS data FROM events');
    expect(events.rows.length).toBeGreaterThanOrEqual(3);
    for (const { data } of events.rows) expect(data).not.toMatch(MARKERS);
    const summaries = await pool.query('SELECT row_to_json(s)::text AS row FROM claim_summaries s');
    for (const { row } of summaries.rows) expect(row).not.toMatch(MARKERS);
    const { rows } = await pool.query('SELECT patient_identity FROM claim_summaries WHERE claim_id = $1', [
      first.claimId,
    ]);
    expect(Object.keys(rows[0].patient_identity).sort()).toEqual(['data', 'iv', 'tag', 'v']);
  });

  it('records the reads of the identity in the PHI access log', async () => {
    const { rows } = await pool.query(
      `SELECT fields FROM phi_access_log WHERE claim_id = $1 AND operation = 'claim'`,
      [first.claimId],
    );
    expect(rows.flatMap((row) => row.fields)).toContain('patient');
  });

  it('refuses a malformed identity naming the field, never the value, and writes no key for it', async () => {
    const refRefused = `PT-BAD-${Math.random().toString(36).slice(2, 8)}`;
    for (const patient of [
      { ...IDENTITY, lastName: 'ZZMARKERLAST\u0007' },
      { ...IDENTITY, birthDate: '1931-02-30' },
      { ...IDENTITY, memberId: 'ZZMARKER MEMBER' },
      { ...IDENTITY, firstName: 'ZZMARKER'.repeat(5) },
    ]) {
      const result = await api.gql(SUBMIT_CLAIM, {
        input: submitClaimInput({ patientRef: refRefused, patient }),
      });
      expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field).toMatch(/^patient\./);
      expect(JSON.stringify(result)).not.toMatch(MARKERS);
    }
    const { rows } = await pool.query('SELECT 1 FROM patient_keys WHERE patient_ref = $1', [refRefused]);
    expect(rows).toEqual([]);
  });

  it('refuses to forget a patient under legal hold, with LEGAL_HOLD, and changes nothing', async () => {
    const held = await ok(HOLD, { input: { patientRef, hold: true, reason: 'litigation hold L-1' } });
    expect(held.setPatientLegalHold).toEqual({
      patientRef,
      legalHold: true,
      legalHoldReason: 'litigation hold L-1',
      forgotten: false,
    });
    const refused = await api.gql(FORGET, { input: { patientRef, reason: 'erasure request R-1' } });
    expect(refused.errors![0]!.extensions!.code).toBe('LEGAL_HOLD');
    expect(refused.data).toBeNull();
    const { claim } = await ok(CLAIM, { id: first.claimId });
    expect(claim.patient).toEqual({ ...IDENTITY, redacted: false });
    await ok(HOLD, { input: { patientRef, hold: false, reason: 'litigation L-1 closed' } });
  });

  describe('once forgotten', () => {
    let forgottenAt: string;

    beforeAll(async () => {
      answers.length = 0;
      const { forgetPatient } = await ok(FORGET, { input: { patientRef, reason: 'erasure request R-1' } });
      expect(forgetPatient).toMatchObject({ patientRef, forgotten: true, forgottenBy: 'privacy-officer' });
      forgottenAt = forgetPatient.forgottenAt;
    });

    it('is idempotent', async () => {
      const { forgetPatient } = await ok(FORGET, { input: { patientRef, reason: 'erasure request R-1' } });
      expect(forgetPatient).toMatchObject({ forgotten: true, forgottenAt });
    });

    it('reads the identity as redacted on the claim, the list, and the claim as of any point', async () => {
      for (const { claimId } of [first, second]) {
        expect((await ok(CLAIM, { id: claimId })).claim.patient).toEqual(REDACTED);
        expect((await ok(AS_OF, { id: claimId, at: new Date().toISOString() })).claimAsOf.patient).toEqual(
          REDACTED,
        );
        expect((await ok(AT_VERSION, { id: claimId })).claimAtVersion.patient).toEqual(REDACTED);
      }
      const { claims } = await ok(CLAIMS, {});
      const byId = new Map(claims.edges.map((e: any) => [e.node.id, e.node.patient]));
      expect(byId.get(first.claimId)).toEqual(REDACTED);
      expect(byId.get(second.claimId)).toEqual(REDACTED);
      expect(byId.get(other.claimId)).toEqual({ ...OTHER, redacted: false });
    });

    it('keeps the events as written: the history holds only ciphertext and the integrity chain is intact', async () => {
      const { claimHistory } = await ok(HISTORY, { id: first.claimId });
      expect(claimHistory[0].data.patientIdentity).toMatchObject({ v: 1 });
      const { verifyClaimIntegrity } = await ok(INTEGRITY, { id: first.claimId });
      expect(verifyClaimIntegrity).toEqual({ intact: true, checkedEvents: 1 });
    });

    it('replays events over a subscription with only ciphertext', async () => {
      const events = await subscriptionReplay(first.claimId, 1);
      expect(events).toHaveLength(1);
      expect(events[0]).toContain('patientIdentity');
      for (const event of events) expect(event).not.toMatch(MARKERS);
    });

    it('exports, and shows history and replays on the CLI, with no identity', async () => {
      const exported = await cli('export');
      expect(exported.trim().split('\n').length).toBeGreaterThanOrEqual(3);
      expect(exported).not.toMatch(MARKERS);
      expect(await cli('history', first.claimId)).not.toMatch(MARKERS);
      expect(await cli('replay', first.claimId)).not.toMatch(MARKERS);
    });

    it('refuses a new identity for the patient, but takes a claim without one', async () => {
      const refused = await api.gql(SUBMIT_CLAIM, {
        input: submitClaimInput({ patientRef, patient: IDENTITY }),
      });
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PATIENT_FORGOTTEN' });
      await ok(SUBMIT_CLAIM, { input: submitClaimInput({ patientRef }) });
    });

    it('answered nothing with the identity in it since', () => {
      expect(answers.length).toBeGreaterThan(5);
      for (const answer of answers) expect(answer).not.toMatch(MARKERS);
    });
  });

  it('logged no identity, ever', () => {
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line).not.toMatch(MARKERS);
  });
});

describe('an 835 naming the patient of a claim submitted without an identity', () => {
  // The payer's view of the patient: markers no other data holds, in NM1*QC and (the member id) NM1*IL.
  const REMITTED = { lastName: 'ZZREMITLAST', firstName: 'ZZREMITFIRST', memberId: 'ZZREMITQC1' };
  const SUBSCRIBER_ID = 'ZZREMITIL7';
  const REMIT_MARKERS = /ZZREMIT/;
  const IMPORT_835 = `mutation Import($text: String!) {
    import835(text: $text) {
      posted counts { claims posted unmatched }
      remittances { traceNumber claims { patientControlNumber outcome eventType rule message } }
      problems { rule message }
    }
  }`;
  const PAYMENTS = `query P($id: ID!) { claim(id: $id) { status payments { paymentId paidCents } ${PATIENT} } }`;
  const suffix = Math.random().toString(36).slice(2, 8).toUpperCase();
  const patientRef = `PT-REM-${suffix}`;
  const claim = (n: number) => remittedClaimInput(`CLM-REM-${suffix}-${n}`, [18_000, 7_000], { patientRef });
  const [named, afterForgetting] = [claim(1), claim(2)];
  const remittanceFor = (claimId: string, n: number) =>
    singleClaimPayment({
      claimId,
      traceNumber: `EFTREM${suffix}${n}`,
      patient: REMITTED,
      subscriberId: SUBSCRIBER_ID,
    });
  let api: TestApi;
  let pool: Pool;
  const lines: string[] = [];
  const answers: string[] = [];
  let report = '';

  async function as<T = Record<string, any>>(
    role: 'admin' | 'biller' | 'auditor',
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const result = await api.gql<T>(query, variables, await api.as(`${role}-1`, role));
    expect(result.errors).toBeUndefined();
    answers.push(JSON.stringify(result));
    return result.data!;
  }

  /** Waits for the read models to catch up with every command so far. */
  async function settled() {
    for (let i = 0; i < 100; i++) {
      const { data } = await api.gql('{ projections { caughtUp } }', {}, await api.as('admin-1', 'admin'));
      if ((data!.projections as { caughtUp: boolean }[]).every((p) => p.caughtUp)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    api = await startTestApi({ LOG_LEVEL: 'debug' }, undefined, {
      logDestination: { write: (line: string) => void lines.push(...line.split('\n').filter(Boolean)) },
    });
    pool = api.app.get<Pool>(PG_POOL, { strict: false });
    for (const input of [named, afterForgetting]) await as('biller', SUBMIT_CLAIM, { input });
  });
  afterAll(async () => api?.close());

  it("posts the payment and opens the payer's identity on the claim, sealed with the patient's key", async () => {
    const { import835 } = await as('admin', IMPORT_835, { text: remittanceFor(named.claimId, 1) });
    report = JSON.stringify(import835);
    expect(import835).toMatchObject({ posted: true, counts: { claims: 1, posted: 1, unmatched: 0 } });
    await settled();
    for (const role of ['biller', 'auditor'] as const) {
      const { claim } = await as(role, PAYMENTS, { id: named.claimId });
      expect(claim).toMatchObject({ status: 'PAID', payments: [{ paidCents: 16_000 }] });
      expect(claim.patient).toEqual({
        lastName: REMITTED.lastName,
        firstName: REMITTED.firstName,
        birthDate: null,
        memberId: SUBSCRIBER_ID,
        redacted: false,
      });
    }
    const { rows } = await pool.query('SELECT patient_identity FROM claim_summaries WHERE claim_id = $1', [
      named.claimId,
    ]);
    expect(Object.keys(rows[0].patient_identity).sort()).toEqual(['data', 'iv', 'tag', 'v']);
  });

  it('holds it nowhere in the clear: events, read models, the claim history and the import report', async () => {
    const events = await pool.query('SELECT type, data::text AS data FROM events');
    expect(events.rows.some((e) => e.type === 'ClaimPaid' && e.data.includes('patientIdentity'))).toBe(true);
    for (const { data } of events.rows) expect(data).not.toMatch(REMIT_MARKERS);
    for (const table of ['claim_summaries', 'remittances']) {
      const { rows } = await pool.query(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
      for (const { row } of rows) expect(row).not.toMatch(REMIT_MARKERS);
    }
    const { claimHistory } = await as('auditor', HISTORY, { id: named.claimId });
    const paid = claimHistory.find((e: { type: string }) => e.type === 'ClaimPaid');
    expect(paid.data.patientIdentity).toMatchObject({ v: 1 });
    expect(JSON.stringify(claimHistory)).not.toMatch(REMIT_MARKERS);
    expect(report).not.toMatch(REMIT_MARKERS);
  });

  describe('once the patient is forgotten', () => {
    beforeAll(async () => {
      answers.length = 0;
      await as('admin', FORGET, { input: { patientRef, reason: 'erasure request R-835' } });
    });

    it('reads the identity the 835 gave as redacted', async () => {
      const { claim } = await as('biller', PAYMENTS, { id: named.claimId });
      expect(claim.patient).toEqual(REDACTED);
    });

    it('still posts an 835 for the forgotten patient, without any identity', async () => {
      const { import835 } = await as('admin', IMPORT_835, {
        text: remittanceFor(afterForgetting.claimId, 2),
      });
      expect(import835).toMatchObject({
        posted: true,
        counts: { claims: 1, posted: 1, unmatched: 0 },
        problems: [],
      });
      await settled();
      const { claim } = await as('biller', PAYMENTS, { id: afterForgetting.claimId });
      expect(claim).toMatchObject({ status: 'PAID', payments: [{ paidCents: 16_000 }], patient: null });
      const { claimHistory } = await as('auditor', HISTORY, { id: afterForgetting.claimId });
      const paid = claimHistory.find((e: { type: string }) => e.type === 'ClaimPaid');
      expect(paid.data).not.toHaveProperty('patientIdentity');
    });

    it('answered nothing with the identity in it since', () => {
      expect(answers.length).toBeGreaterThan(3);
      for (const answer of answers) expect(answer).not.toMatch(REMIT_MARKERS);
    });
  });

  it('logged no identity, ever', () => {
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line).not.toMatch(REMIT_MARKERS);
  });
});

describe('the embedded database without a configured master key', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'claimtrail-patients-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('keeps the key it generated in its data directory (0600), so identities still open after a restart', async () => {
    const input = submitClaimInput({ patientRef: 'PT-RESTART', patient: IDENTITY });
    const before = await startTestApi({}, dataDir);
    try {
      expect((await before.gql(SUBMIT_CLAIM, { input })).errors).toBeUndefined();
    } finally {
      await before.close();
    }
    expect((await stat(join(dataDir, MASTER_KEY_FILE))).mode & 0o777).toBe(0o600);
    const after = await startTestApi({}, dataDir);
    try {
      const { data } = await after.gql(CLAIM, { id: input.claimId });
      expect(data!.claim.patient).toEqual({ ...IDENTITY, redacted: false });
    } finally {
      await after.close();
    }
  });
});
