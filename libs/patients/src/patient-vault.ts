import { Inject, Injectable } from '@nestjs/common';
import type {
  IdentityToSeal,
  OpenedIdentity,
  PatientIdentity,
  PatientKeyCache,
  PatientVaultPort,
  RemittedIdentity,
  SealedIdentityRef,
  SealedValue,
} from '@claimtrail/claims';
import { CLOCK, type Clock } from '@claimtrail/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { MasterKeyring } from './master-keyring.js';
import { newDataKey, openValue, sealValue } from './patient-vault.crypto.js';
import { PatientError } from './patient.errors.js';

export const PATIENT_MASTER_KEY = Symbol('PATIENT_MASTER_KEY');

/** A patient's key as an administrator sees it: never the key itself. */
export interface PatientKeyStatus {
  patientRef: string;
  forgottenAt: Date | null;
  forgottenBy: string | null;
  legalHold: boolean;
  legalHoldReason: string | null;
}

export type PatientKeyAction = 'FORGOTTEN' | 'LEGAL_HOLD_SET' | 'LEGAL_HOLD_RELEASED';

/** How many patient keys each master key wraps, by key id (`unknown`: stored before keys were named). */
export interface MasterKeyCensus {
  currentKeyId: string;
  byMasterKey: Record<string, number>;
  forgotten: number;
}

// TypeORM answers an UPDATE on PostgreSQL with [rows, affected count], any other statement with its rows.
interface KeyRow {
  patient_ref: string;
  wrapped_key: Buffer | null;
  legal_hold: boolean;
  legal_hold_reason: string | null;
  forgotten_at: Date | string | null;
  forgotten_by: string | null;
}

/** A stored key and the master key that wrapped it. */
type WrappedKeyRow = Pick<KeyRow, 'patient_ref' | 'wrapped_key'> & { master_key_id: string | null };

const COLUMNS = 'patient_ref, wrapped_key, legal_hold, legal_hold_reason, forgotten_at, forgotten_by';

const statusOf = (row: KeyRow): PatientKeyStatus => ({
  patientRef: row.patient_ref,
  forgottenAt: row.forgotten_at === null ? null : new Date(row.forgotten_at),
  forgottenBy: row.forgotten_by,
  legalHold: row.legal_hold,
  legalHoldReason: row.legal_hold_reason,
});

const REDACTED = { redacted: true } as const;

/** Rows per statement when keys are made in bulk: well under PostgreSQL's 65,535 parameters. */
const KEYS_PER_STATEMENT = 1000;

/** The identity's own fields and nothing else, in one order; a part left out is left out of the ciphertext too. */
const plaintextOf = ({ lastName, firstName, birthDate, memberId }: RemittedIdentity): string =>
  JSON.stringify({ lastName, firstName, birthDate, memberId });

/**
 * Each patient's identity sealed with a data key of their own, kept wrapped by the master key in patient_keys.
 * Forgetting a patient destroys that key: every event, row and export that holds their sealed identity stays as it
 * is and can no longer be opened.
 */
@Injectable()
export class PatientVault implements PatientVaultPort {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PATIENT_MASTER_KEY) private readonly keyring: MasterKeyring,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async seal(patientRef: string, identity: PatientIdentity): Promise<SealedValue> {
    const keys = new Map<string, Buffer | null>();
    await this.dataKeysFor([patientRef], keys);
    const dataKey = keys.get(patientRef);
    if (!dataKey)
      throw new PatientError(
        'PATIENT_FORGOTTEN',
        'The patient was forgotten: no identity can be stored',
        'patient',
      );
    return sealValue(dataKey, patientRef, plaintextOf(identity));
  }

  async sealMany(items: readonly IdentityToSeal[]): Promise<(SealedValue | null)[]> {
    const keys = new Map<string, Buffer | null>();
    const refs = [...new Set(items.map((item) => item.patientRef))];
    for (let i = 0; i < refs.length; i += KEYS_PER_STATEMENT)
      await this.dataKeysFor(refs.slice(i, i + KEYS_PER_STATEMENT), keys);
    return items.map(({ patientRef, identity }) => {
      const key = keys.get(patientRef);
      return key ? sealValue(key, patientRef, plaintextOf(identity)) : null;
    });
  }

  async open(
    items: readonly SealedIdentityRef[],
    cache: PatientKeyCache = new Map(),
  ): Promise<OpenedIdentity[]> {
    const missing = [...new Set(items.map((item) => item.patientRef))].filter((ref) => !cache.has(ref));
    if (missing.length > 0) {
      await this.readKeys(missing, cache);
      // No row at all cannot be a patient whose identity was sealed here: it reads as redacted, never as plaintext.
      for (const ref of missing) if (!cache.has(ref)) cache.set(ref, null);
    }
    return items.map(({ patientRef, sealed }) => {
      const key = cache.get(patientRef);
      if (!key) return REDACTED;
      return JSON.parse(openValue(key, patientRef, sealed)) as PatientIdentity;
    });
  }

  /** Destroys the patient's key; again for a forgotten patient changes nothing. Refused under legal hold. */
  forget(patientRef: string, actor: string, reason: string): Promise<PatientKeyStatus> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      // A patient with no key yet is forgotten too, so that no identity can be sealed for them later.
      const { row, created } = await this.lockRow(manager, patientRef, [null, now, now, actor]);
      if (created) {
        await this.audit(manager, patientRef, 'FORGOTTEN', actor, reason, now);
        return statusOf(row);
      }
      if (row.forgotten_at !== null) return statusOf(row);
      if (row.legal_hold)
        throw new PatientError(
          'LEGAL_HOLD',
          'The patient is under legal hold and cannot be forgotten',
          'patientRef',
        );
      const [[updated]]: [KeyRow[], number] = await manager.query(
        `UPDATE patient_keys SET wrapped_key = NULL, forgotten_at = $2, forgotten_by = $3
          WHERE patient_ref = $1
        RETURNING ${COLUMNS}`,
        [patientRef, now, actor],
      );
      await this.audit(manager, patientRef, 'FORGOTTEN', actor, reason, now);
      return statusOf(updated!);
    });
  }

  /** Sets or releases the hold; setting it to what it already is changes nothing. */
  setLegalHold(patientRef: string, hold: boolean, actor: string, reason: string): Promise<PatientKeyStatus> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      // A hold may come before the patient's first claim: the key it guards is made now.
      const key = this.keyring.wrap(patientRef, newDataKey());
      const { row } = await this.lockRow(manager, patientRef, [key, now, null, null]);
      if (row.legal_hold === hold) return statusOf(row);
      const [[updated]]: [KeyRow[], number] = await manager.query(
        `UPDATE patient_keys SET legal_hold = $2, legal_hold_reason = $3
          WHERE patient_ref = $1
        RETURNING ${COLUMNS}`,
        [patientRef, hold, hold ? reason : null],
      );
      await this.audit(
        manager,
        patientRef,
        hold ? 'LEGAL_HOLD_SET' : 'LEGAL_HOLD_RELEASED',
        actor,
        reason,
        now,
      );
      return statusOf(updated!);
    });
  }

  async status(patientRef: string): Promise<PatientKeyStatus | null> {
    const [row]: KeyRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM patient_keys WHERE patient_ref = $1`,
      [patientRef],
    );
    return row ? statusOf(row) : null;
  }

  async census(): Promise<MasterKeyCensus> {
    const rows: { master_key_id: string | null; forgotten: boolean; keys: number }[] =
      await this.dataSource.query(
        `SELECT master_key_id, wrapped_key IS NULL AS forgotten, count(*)::int AS keys
         FROM patient_keys GROUP BY 1, 2`,
      );
    const census: MasterKeyCensus = { currentKeyId: this.keyring.currentId, byMasterKey: {}, forgotten: 0 };
    for (const row of rows)
      if (row.forgotten) census.forgotten += row.keys;
      else census.byMasterKey[row.master_key_id ?? 'unknown'] = row.keys;
    return census;
  }

  /**
   * Wraps every patient key held under an earlier master key with the current one, KEYS_PER_STATEMENT keys per
   * transaction, each row locked against a concurrent forget; onBatch hears the running total. Run again, it finds
   * nothing left and changes nothing.
   */
  async rewrapKeys(onBatch?: (rewrapped: number) => void): Promise<number> {
    let rewrapped = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const rows: WrappedKeyRow[] = await manager.query(
          `SELECT patient_ref, wrapped_key, master_key_id FROM patient_keys
            WHERE wrapped_key IS NOT NULL AND master_key_id IS DISTINCT FROM $1
            ORDER BY patient_ref LIMIT ${KEYS_PER_STATEMENT} FOR UPDATE`,
          [this.keyring.currentId],
        );
        if (rows.length === 0) return 0;
        const refs = rows.map((row) => row.patient_ref);
        const keys = rows.map((row) =>
          this.keyring
            .wrap(row.patient_ref, this.keyring.unwrap(row.patient_ref, row.wrapped_key!, row.master_key_id))
            .toString('hex'),
        );
        await manager.query(
          `UPDATE patient_keys p SET wrapped_key = decode(u.wrapped, 'hex'), master_key_id = $1
             FROM unnest($2::text[], $3::text[]) AS u(ref, wrapped) WHERE p.patient_ref = u.ref`,
          [this.keyring.currentId, refs, keys],
        );
        return rows.length;
      });
      if (done === 0) return rewrapped;
      rewrapped += done;
      onBatch?.(rewrapped);
    }
  }

  /** Into `keys`, the data keys of many patients, made for those without a row; null for a forgotten patient. */
  private async dataKeysFor(refs: readonly string[], keys: Map<string, Buffer | null>): Promise<void> {
    await this.readKeys(refs, keys);
    const missing = refs.filter((ref) => !keys.has(ref));
    if (missing.length === 0) return;
    const fresh = new Map(missing.map((ref) => [ref, newDataKey()]));
    const params: unknown[] = [this.clock.now(), this.keyring.currentId];
    const rows = missing.map((ref) => {
      params.push(ref, this.keyring.wrap(ref, fresh.get(ref)!));
      return `($${params.length - 1}, $${params.length}, $1, $2)`;
    });
    const inserted: Pick<KeyRow, 'patient_ref'>[] = await this.dataSource.query(
      `INSERT INTO patient_keys (patient_ref, wrapped_key, created_at, master_key_id) VALUES ${rows.join(', ')}
       ON CONFLICT (patient_ref) DO NOTHING RETURNING patient_ref`,
      params,
    );
    for (const { patient_ref } of inserted) keys.set(patient_ref, fresh.get(patient_ref)!);
    // Another writer made the row in between (a seal, or a forget storing no key): what it wrote stands.
    const raced = missing.filter((ref) => !keys.has(ref));
    if (raced.length > 0) await this.readKeys(raced, keys);
  }

  private async readKeys(refs: readonly string[], keys: Map<string, Buffer | null>): Promise<void> {
    const rows: WrappedKeyRow[] = await this.dataSource.query(
      'SELECT patient_ref, wrapped_key, master_key_id FROM patient_keys WHERE patient_ref = ANY($1::text[])',
      [refs],
    );
    for (const row of rows)
      keys.set(
        row.patient_ref,
        row.wrapped_key ? this.keyring.unwrap(row.patient_ref, row.wrapped_key, row.master_key_id) : null,
      );
  }

  /**
   * The patient's row, locked for this transaction; inserted first from `values` (wrapped key, created at, forgotten
   * at and by) when the patient has none.
   */
  private async lockRow(
    manager: EntityManager,
    patientRef: string,
    values: [Buffer | null, Date, Date | null, string | null],
  ): Promise<{ row: KeyRow; created: boolean }> {
    const [created]: KeyRow[] = await manager.query(
      `INSERT INTO patient_keys (patient_ref, wrapped_key, created_at, forgotten_at, forgotten_by, master_key_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (patient_ref) DO NOTHING RETURNING ${COLUMNS}`,
      [patientRef, ...values, values[0] === null ? null : this.keyring.currentId],
    );
    if (created) return { row: created, created: true };
    const [row]: KeyRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM patient_keys WHERE patient_ref = $1 FOR UPDATE`,
      [patientRef],
    );
    return { row: row!, created: false };
  }

  private async audit(
    manager: EntityManager,
    patientRef: string,
    action: PatientKeyAction,
    actor: string,
    reason: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO patient_key_audit (patient_ref, action, actor, reason, recorded_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [patientRef, action, actor, reason, at],
    );
  }
}
