import { randomUUID } from 'node:crypto';
import { createTestDatabase, openDataSource, poolOf, type ResolvedDatabase } from '@claimtrail/database';
import {
  EVENT_STORE_MIGRATIONS,
  PostgresEventStore,
  WrongExpectedVersionError,
  type EventStore,
} from '@claimtrail/event-store';
import type { DataSource } from 'typeorm';
import { ChangePayerRulesHandler, type PayerUpsert } from './change-payer-rules.handler.js';
import { payerStreamName, type PayerRulesSnapshot } from './domain/payer.events.js';
import { PayerEntity } from './payer.entity.js';
import { CreatePayers1764201900000 } from './payer.migration.js';
import { PayerRuleHistoryQueries } from './payer-rule-history.queries.js';
import { PayerRulesRepository } from './payer-rules.repository.js';
import { PayersModule } from './payers.module.js';

const AT = new Date('2026-04-01T09:00:00.000Z');
const LATER = new Date('2026-04-02T10:30:00.000Z');

const acme = (overrides: Partial<PayerUpsert> = {}): PayerUpsert => ({
  payerId: 'ACME01',
  name: 'Acme Health',
  timelyFilingDays: 90,
  appealWindowDays: [180, 60],
  responseDays: 30,
  ...overrides,
});

const rulesOf = (change: PayerUpsert): PayerRulesSnapshot => ({
  name: change.name,
  timelyFilingDays: change.timelyFilingDays!,
  appealWindowDays: change.appealWindowDays!,
  responseDays: change.responseDays!,
});

// The handler on a real database: the payer's stream in the event store, the payers table as its view.
describe('ChangePayerRulesHandler on PostgreSQL', () => {
  let database: ResolvedDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let payers: PayerRulesRepository;
  let handler: ChangePayerRulesHandler;
  let history: PayerRuleHistoryQueries;

  beforeAll(async () => {
    database = await createTestDatabase();
    // A payer configured before rule history: stored by the old schema, then migrated.
    const before = await openDataSource(database, {
      entities: [],
      migrations: [...EVENT_STORE_MIGRATIONS, CreatePayers1764201900000],
    });
    await before.query(
      `INSERT INTO payers VALUES ('OLD01', 'Old Mutual', 180, '{90,60}', 45, 'admin-1', '2025-12-01T00:00:00Z')`,
    );
    await before.destroy();
    dataSource = await openDataSource(database, {
      entities: [PayerEntity],
      migrations: [...EVENT_STORE_MIGRATIONS, ...PayersModule.schema.migrations],
    });
    store = new PostgresEventStore(poolOf(dataSource));
    payers = new PayerRulesRepository(dataSource);
    handler = new ChangePayerRulesHandler(store, payers);
    history = new PayerRuleHistoryQueries(store);
  });
  afterAll(async () => {
    await store?.close();
    await dataSource?.destroy();
    await database?.close();
  });

  const payerId = () => `P${randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`;

  it('records a new payer as version 1 in its own stream, with who, when and the correlation id', async () => {
    const id = payerId();
    const row = await handler.execute(acme({ payerId: id }), {
      actor: 'admin-1',
      occurredAt: AT,
      correlationId: 'req-1',
    });
    expect(row).toMatchObject({ payerId: id, version: 1, updatedBy: 'admin-1', updatedAt: AT });
    const [event, ...more] = await store.readStream(payerStreamName(id));
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      type: 'PayerRulesChanged',
      version: 0,
      data: { payerId: id, name: 'Acme Health', before: null, after: rulesOf(acme()), version: 1 },
      metadata: { actor: 'admin-1', occurredAt: AT.toISOString(), correlationId: 'req-1' },
    });
    expect(await payers.rulesFor(id)).toEqual({
      timelyFilingDays: 90,
      appealWindowDays: [180, 60],
      responseDays: 30,
      version: 1,
    });
  });

  it('records each change with the rules before and after, and lists them oldest first', async () => {
    const id = payerId();
    await handler.execute(acme({ payerId: id }), { actor: 'admin-1', occurredAt: AT });
    const row = await handler.execute(acme({ payerId: id, timelyFilingDays: 1 }), {
      actor: 'admin-2',
      occurredAt: LATER,
    });
    expect(row).toMatchObject({ timelyFilingDays: 1, version: 2, updatedBy: 'admin-2', updatedAt: LATER });
    expect(await history.changes(id)).toEqual([
      {
        version: 1,
        changedBy: 'admin-1',
        changedAt: AT.toISOString(),
        before: null,
        after: rulesOf(acme()),
      },
      {
        version: 2,
        changedBy: 'admin-2',
        changedAt: LATER.toISOString(),
        before: rulesOf(acme()),
        after: rulesOf(acme({ timelyFilingDays: 1 })),
      },
    ]);
    expect((await payers.rulesFor(id)).version).toBe(2);
  });

  it('appends nothing for a change that changes nothing, and answers with the payer as it is', async () => {
    const id = payerId();
    await handler.execute(acme({ payerId: id }), { actor: 'admin-1', occurredAt: AT });
    const row = await handler.execute(acme({ payerId: id, responseDays: undefined }), {
      actor: 'admin-2',
      occurredAt: LATER,
    });
    expect(row).toMatchObject({ version: 1, updatedBy: 'admin-1', updatedAt: AT });
    expect(await store.readStream(payerStreamName(id))).toHaveLength(1);
  });

  it('gives a payer configured before rule history version 0, and its first change the rules it had', async () => {
    expect((await payers.rulesFor('OLD01')).version).toBe(0);
    expect(await history.changes('OLD01')).toEqual([]);
    await handler.execute(
      { payerId: 'OLD01', name: 'Old Mutual', timelyFilingDays: 180 },
      { actor: 'admin-1', occurredAt: AT },
    );
    expect(await store.readStream(payerStreamName('OLD01'))).toEqual([]);
    const row = await handler.execute(
      { payerId: 'OLD01', name: 'Old Mutual', timelyFilingDays: 1 },
      { actor: 'admin-2', occurredAt: LATER },
    );
    expect(row).toMatchObject({
      timelyFilingDays: 1,
      appealWindowDays: [90, 60],
      responseDays: 45,
      version: 1,
    });
    expect(await history.changes('OLD01')).toEqual([
      expect.objectContaining({
        version: 1,
        changedBy: 'admin-2',
        before: { name: 'Old Mutual', timelyFilingDays: 180, appealWindowDays: [90, 60], responseDays: 45 },
        after: { name: 'Old Mutual', timelyFilingDays: 1, appealWindowDays: [90, 60], responseDays: 45 },
      }),
    ]);
  });

  it('refuses a change that lost the race to another, storing only the winner', async () => {
    const id = payerId();
    await handler.execute(acme({ payerId: id }), { actor: 'admin-1', occurredAt: AT });
    // Another request changes the payer between this one's read and its append.
    const racing: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: async (name: string) => {
        const read = await store.readStream(name);
        await handler.execute(acme({ payerId: id, responseDays: 60 }), { actor: 'winner', occurredAt: AT });
        return read;
      },
    });
    const loser = new ChangePayerRulesHandler(racing, payers);
    await expect(
      loser.execute(acme({ payerId: id, responseDays: 10 }), { actor: 'loser', occurredAt: LATER }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect((await history.changes(id)).map((c) => [c.version, c.changedBy])).toEqual([
      [1, 'admin-1'],
      [2, 'winner'],
    ]);
    expect(await payers.find(id)).toMatchObject({ responseDays: 60, version: 2, updatedBy: 'winner' });
  });

  it('brings a view left behind by a stop between append and update up to the stream, never back', async () => {
    const id = payerId();
    await handler.execute(acme({ payerId: id }), { actor: 'admin-1', occurredAt: AT });
    const [first] = await store.readStream(payerStreamName(id));
    // The second change reached the stream, and the process stopped before the table.
    const second = {
      payerId: id,
      name: 'Acme Health',
      before: rulesOf(acme()),
      after: rulesOf(acme({ timelyFilingDays: 45 })),
      version: 2,
    };
    await store.append(
      payerStreamName(id),
      [
        {
          id: randomUUID(),
          type: 'PayerRulesChanged',
          schemaVersion: 1,
          data: second,
          metadata: { actor: 'admin-2', occurredAt: LATER.toISOString() },
        },
      ],
      { expectedVersion: 0 },
    );
    expect((await payers.rulesFor(id)).version).toBe(1);
    const row = await handler.execute(acme({ payerId: id, timelyFilingDays: 45 }), {
      actor: 'admin-3',
      occurredAt: LATER,
    });
    expect(row).toMatchObject({ timelyFilingDays: 45, version: 2, updatedBy: 'admin-2' });
    expect(await store.readStream(payerStreamName(id))).toHaveLength(2);
    await payers.apply(first!.data as typeof second, first!.metadata);
    expect(await payers.find(id)).toMatchObject({ timelyFilingDays: 45, version: 2 });
  });
});
