import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, openDataSource, type ResolvedDatabase } from '@claimtrail/database';
import type { DataSource } from 'typeorm';
import { MASTER_KEY_FILE, MasterKeyFileError, resolveMasterKey } from './master-key.js';
import { MasterKeyring, UnknownMasterKeyError } from './master-keyring.js';
import { AddPatientMasterKeyIds1767100200000 } from './patient-key-ids.migration.js';
import { CreatePatientKeys1767100100000 } from './patient-keys.migration.js';
import { PatientVault } from './patient-vault.js';
import { PatientError } from './patient.errors.js';

const IDENTITY = { lastName: 'ZZLAST', firstName: 'ZZFIRST', birthDate: '1980-02-03', memberId: 'ZZMEMBER1' };
const NOW = new Date('2026-06-01T12:00:00.000Z');
const MIGRATIONS = [CreatePatientKeys1767100100000, AddPatientMasterKeyIds1767100200000];

async function refusal(promise: Promise<unknown>): Promise<PatientError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PatientError);
  return error as PatientError;
}

describe('the patient vault on a real database', () => {
  let database: ResolvedDatabase;
  let dataSource: DataSource;
  let vault: PatientVault;
  const masterKey = randomBytes(32);
  let ref = 0;
  const nextRef = () => `PT-${++ref}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDataSource(database, {
      entities: [],
      migrations: MIGRATIONS,
    });
    vault = new PatientVault(dataSource, new MasterKeyring(masterKey), { now: () => NOW });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.close();
  });

  const keyRow = async (patientRef: string) =>
    (
      await dataSource.query(
        'SELECT wrapped_key, legal_hold, legal_hold_reason, forgotten_at, forgotten_by FROM patient_keys WHERE patient_ref = $1',
        [patientRef],
      )
    )[0] as Record<string, any> | undefined;
  const auditOf = async (patientRef: string) =>
    (await dataSource.query(
      'SELECT action, actor, reason FROM patient_key_audit WHERE patient_ref = $1 ORDER BY id',
      [patientRef],
    )) as Record<string, string>[];

  it('makes one wrapped key per patient on first seal and opens what it sealed', async () => {
    const patientRef = nextRef();
    const first = await vault.seal(patientRef, IDENTITY);
    const second = await vault.seal(patientRef, { ...IDENTITY, memberId: 'ZZMEMBER2' });
    const rows = await dataSource.query('SELECT wrapped_key FROM patient_keys WHERE patient_ref = $1', [
      patientRef,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].wrapped_key).toHaveLength(60);
    expect(
      await vault.open([
        { patientRef, sealed: first },
        { patientRef, sealed: second },
      ]),
    ).toEqual([IDENTITY, { ...IDENTITY, memberId: 'ZZMEMBER2' }]);
  });

  it('stores no identity and no usable key in the clear', async () => {
    const patientRef = nextRef();
    await vault.seal(patientRef, IDENTITY);
    const dump = JSON.stringify(await dataSource.query('SELECT * FROM patient_keys'));
    expect(dump).not.toMatch(/ZZLAST|ZZFIRST|1980-02-03|ZZMEMBER/);
  });

  it("does not open another patient's identity with this patient's key", async () => {
    const [a, b] = [nextRef(), nextRef()];
    const sealed = await vault.seal(a, IDENTITY);
    await vault.seal(b, IDENTITY);
    await expect(vault.open([{ patientRef: b, sealed }])).rejects.toThrow();
  });

  it('opens a page of claims of many patients with one key query, and none for keys already cached', async () => {
    const refs = Array.from({ length: 20 }, nextRef);
    const items = await Promise.all(
      refs.map(async (patientRef) => ({ patientRef, sealed: await vault.seal(patientRef, IDENTITY) })),
    );
    const query = jest.spyOn(dataSource, 'query');
    try {
      const cache = new Map();
      expect(await vault.open([...items, ...items], cache)).toHaveLength(40);
      expect(query).toHaveBeenCalledTimes(1);
      await vault.open(items, cache);
      expect(query).toHaveBeenCalledTimes(1);
    } finally {
      query.mockRestore();
    }
  });

  describe('sealing many at once (an 835 import)', () => {
    const REMITTED = { lastName: 'ZZPAYERLAST', firstName: 'ZZPAYERFIRST', memberId: 'ZZPAYERMEMBER' };

    it("reads the keys once and makes the missing ones in one statement, each with its patient's key", async () => {
      const existing = nextRef();
      const earlier = await vault.seal(existing, IDENTITY);
      const fresh = Array.from({ length: 30 }, nextRef);
      const items = [existing, ...fresh, existing].map((patientRef) => ({ patientRef, identity: REMITTED }));
      const query = jest.spyOn(dataSource, 'query');
      let sealed: Awaited<ReturnType<typeof vault.sealMany>>;
      try {
        sealed = await vault.sealMany(items);
        expect(query).toHaveBeenCalledTimes(2);
      } finally {
        query.mockRestore();
      }
      const opened = await vault.open(items.map(({ patientRef }, i) => ({ patientRef, sealed: sealed[i]! })));
      expect(opened).toEqual(items.map(() => REMITTED));
      expect(await vault.open([{ patientRef: existing, sealed: earlier }])).toEqual([IDENTITY]);
      await expect(vault.open([{ patientRef: fresh[0]!, sealed: sealed[2]! }])).rejects.toThrow();
    });

    it('gives null for a forgotten patient, makes no key for them, and seals the others', async () => {
      const [forgotten, neverSeen, kept] = [nextRef(), nextRef(), nextRef()];
      await vault.seal(forgotten, IDENTITY);
      await vault.forget(forgotten, 'a', 'request');
      await vault.forget(neverSeen, 'a', 'request');
      const sealed = await vault.sealMany(
        [forgotten, neverSeen, kept].map((patientRef) => ({ patientRef, identity: REMITTED })),
      );
      expect(sealed.slice(0, 2)).toEqual([null, null]);
      expect(await vault.open([{ patientRef: kept, sealed: sealed[2]! }])).toEqual([REMITTED]);
      expect(await keyRow(forgotten)).toMatchObject({ wrapped_key: null });
      expect(await keyRow(neverSeen)).toMatchObject({ wrapped_key: null });
    });

    it('makes the keys of a file with more patients than one statement takes', async () => {
      const refs = Array.from({ length: 1_001 }, nextRef);
      const sealed = await vault.sealMany(refs.map((patientRef) => ({ patientRef, identity: REMITTED })));
      expect(sealed.every((value) => value !== null)).toBe(true);
      const [{ count }] = await dataSource.query(
        'SELECT count(*)::int AS count FROM patient_keys WHERE patient_ref = ANY($1::text[])',
        [refs],
      );
      expect(count).toBe(1_001);
    });

    it('stores no remitted identity in the clear', async () => {
      await vault.sealMany([{ patientRef: nextRef(), identity: REMITTED }]);
      expect(JSON.stringify(await dataSource.query('SELECT * FROM patient_keys'))).not.toMatch(/ZZPAYER/);
    });
  });

  describe('forgetting', () => {
    it('destroys the key, records who and why, and the identity opens as redacted from then on', async () => {
      const patientRef = nextRef();
      const sealed = await vault.seal(patientRef, IDENTITY);
      const status = await vault.forget(patientRef, 'privacy-officer', 'request 42');
      expect(status).toMatchObject({
        patientRef,
        forgottenAt: NOW,
        forgottenBy: 'privacy-officer',
        legalHold: false,
      });
      expect(await keyRow(patientRef)).toMatchObject({ wrapped_key: null, forgotten_by: 'privacy-officer' });
      expect(await vault.open([{ patientRef, sealed }])).toEqual([{ redacted: true }]);
      expect(await auditOf(patientRef)).toEqual([
        { action: 'FORGOTTEN', actor: 'privacy-officer', reason: 'request 42' },
      ]);
    });

    it('is idempotent: forgetting again changes nothing and records nothing more', async () => {
      const patientRef = nextRef();
      await vault.seal(patientRef, IDENTITY);
      const first = await vault.forget(patientRef, 'a', 'request 1');
      const again = await vault.forget(patientRef, 'b', 'request 2');
      expect(again).toEqual(first);
      expect(await auditOf(patientRef)).toHaveLength(1);
    });

    it('refuses to seal a new identity for a forgotten patient', async () => {
      const patientRef = nextRef();
      await vault.seal(patientRef, IDENTITY);
      await vault.forget(patientRef, 'a', 'request');
      expect((await refusal(vault.seal(patientRef, IDENTITY))).code).toBe('PATIENT_FORGOTTEN');
    });

    it('forgets a patient with no key yet, so that none is made later', async () => {
      const patientRef = nextRef();
      expect((await vault.forget(patientRef, 'a', 'request')).forgottenAt).toEqual(NOW);
      expect((await refusal(vault.seal(patientRef, IDENTITY))).code).toBe('PATIENT_FORGOTTEN');
      expect(await auditOf(patientRef)).toHaveLength(1);
    });

    it('keeps the audit append-only', async () => {
      const patientRef = nextRef();
      await vault.forget(patientRef, 'a', 'request');
      await expect(
        dataSource.query('DELETE FROM patient_key_audit WHERE patient_ref = $1', [patientRef]),
      ).rejects.toThrow(/append-only/);
      await expect(dataSource.query('UPDATE patient_key_audit SET reason = $1', ['x'])).rejects.toThrow(
        /append-only/,
      );
    });
  });

  describe('legal hold', () => {
    it('refuses forgetting while on, writing nothing, and allows it once released', async () => {
      const patientRef = nextRef();
      const sealed = await vault.seal(patientRef, IDENTITY);
      expect(await vault.setLegalHold(patientRef, true, 'counsel', 'litigation 7')).toMatchObject({
        legalHold: true,
        legalHoldReason: 'litigation 7',
      });
      const error = await refusal(vault.forget(patientRef, 'privacy-officer', 'request'));
      expect(error.code).toBe('LEGAL_HOLD');
      expect(await keyRow(patientRef)).toMatchObject({ forgotten_at: null, legal_hold: true });
      expect(await vault.open([{ patientRef, sealed }])).toEqual([IDENTITY]);

      await vault.setLegalHold(patientRef, false, 'counsel', 'litigation 7 closed');
      await vault.forget(patientRef, 'privacy-officer', 'request');
      expect(await vault.open([{ patientRef, sealed }])).toEqual([{ redacted: true }]);
      expect((await auditOf(patientRef)).map((a) => a.action)).toEqual([
        'LEGAL_HOLD_SET',
        'LEGAL_HOLD_RELEASED',
        'FORGOTTEN',
      ]);
    });

    it('may be set before the first claim, whose identity then uses the key it made', async () => {
      const patientRef = nextRef();
      await vault.setLegalHold(patientRef, true, 'counsel', 'litigation 8');
      const sealed = await vault.seal(patientRef, IDENTITY);
      expect(await vault.open([{ patientRef, sealed }])).toEqual([IDENTITY]);
      expect((await refusal(vault.forget(patientRef, 'a', 'request'))).code).toBe('LEGAL_HOLD');
    });

    it('records nothing when set to what it already is', async () => {
      const patientRef = nextRef();
      await vault.setLegalHold(patientRef, true, 'counsel', 'one');
      await vault.setLegalHold(patientRef, true, 'counsel', 'two');
      expect(await auditOf(patientRef)).toHaveLength(1);
      expect(await keyRow(patientRef)).toMatchObject({ legal_hold_reason: 'one' });
    });
  });

  it('opens nothing with another master key', async () => {
    const patientRef = nextRef();
    const sealed = await vault.seal(patientRef, IDENTITY);
    const other = new PatientVault(dataSource, new MasterKeyring(randomBytes(32)), { now: () => NOW });
    await expect(other.open([{ patientRef, sealed }])).rejects.toThrow();
  });
});

describe('rotating the master key', () => {
  let database: ResolvedDatabase;
  let dataSource: DataSource;
  const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
  const vaultWith = (current: Buffer, ...previous: Buffer[]) =>
    new PatientVault(dataSource, new MasterKeyring(current, previous), { now: () => NOW });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDataSource(database, { entities: [], migrations: MIGRATIONS });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.close();
  });

  it('opens keys under the previous key, rewraps them all under the new one, and then needs only the new one', async () => {
    const before = vaultWith(oldKey);
    const sealed = await Promise.all(
      ['PT-R1', 'PT-R2', 'PT-R3'].map(async (patientRef) => ({
        patientRef,
        sealed: await before.seal(patientRef, IDENTITY),
      })),
    );
    await before.forget('PT-R3', 'privacy', 'request');
    // A key stored before keys named their master key.
    await dataSource.query("UPDATE patient_keys SET master_key_id = NULL WHERE patient_ref = 'PT-R2'");

    const during = vaultWith(newKey, oldKey);
    expect(await during.open(sealed)).toEqual([IDENTITY, IDENTITY, { redacted: true }]);
    const census = await during.census();
    expect(census.byMasterKey).toEqual({ [new MasterKeyring(oldKey).currentId]: 1, unknown: 1 });
    expect(census.forgotten).toBe(1);

    const progress: number[] = [];
    expect(await during.rewrapKeys((done) => progress.push(done))).toBe(2);
    expect(progress).toEqual([2]);
    expect(await during.rewrapKeys()).toBe(0);
    expect((await during.census()).byMasterKey).toEqual({ [census.currentKeyId]: 2 });

    expect(await vaultWith(newKey).open(sealed)).toEqual([IDENTITY, IDENTITY, { redacted: true }]);
    await expect(vaultWith(oldKey).open(sealed.slice(0, 1))).rejects.toBeInstanceOf(UnknownMasterKeyError);
  });

  it('wraps keys made during a rotation with the new key', async () => {
    const during = vaultWith(newKey, oldKey);
    const sealed = await during.seal('PT-R4', IDENTITY);
    expect(await vaultWith(newKey).open([{ patientRef: 'PT-R4', sealed }])).toEqual([IDENTITY]);
  });
});

describe('the master key of the embedded database', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ct-master-key-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is made on first start in the data directory, readable by its owner only, and the same on the next', async () => {
    const first = await resolveMasterKey({}, { embedded: true, dataDir: dir });
    expect(first.source).toBe('data-dir');
    const file = join(dir, MASTER_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await resolveMasterKey({}, { embedded: true, dataDir: dir });
    expect(again.key.equals(first.key)).toBe(true);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.key.toString('base64'));
  });

  it('is the configured one when there is one, and writes no file', async () => {
    const configured = randomBytes(32);
    const resolved = await resolveMasterKey({ masterKey: configured }, { embedded: true, dataDir: dir });
    expect(resolved).toEqual({ key: configured, source: 'configured' });
    await expect(stat(join(dir, MASTER_KEY_FILE))).rejects.toThrow();
  });

  it('is for this process only in memory or on a server without one configured', async () => {
    expect((await resolveMasterKey({}, { embedded: true })).source).toBe('ephemeral');
    expect((await resolveMasterKey({}, { embedded: false })).source).toBe('ephemeral');
  });

  it('refuses a damaged key file rather than making a new key over it', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, MASTER_KEY_FILE), 'not a key\n', { mode: 0o600 });
    await expect(resolveMasterKey({}, { embedded: true, dataDir: dir })).rejects.toBeInstanceOf(
      MasterKeyFileError,
    );
  });
});
