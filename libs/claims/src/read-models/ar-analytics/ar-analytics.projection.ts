import type { RecordedEvent } from '@claimtrail/event-store';
import { deleteFromTables, upsertTables, type Projection } from '@claimtrail/projections';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { claimIdOfStream } from '../../domain/index.js';
import { advanceLedger, type ClaimLedger } from './claim-ledger.js';
import {
  ArBalancePeriodEntity,
  ArClaimFactEntity,
  ArClaimLedgerEntity,
  ArDenialEntity,
  ArMoneyEntity,
  ArPendEntity,
} from './ar-analytics.entities.js';
import { analyticsRows } from './ar-analytics.rows.js';

const CHILDREN = [ArBalancePeriodEntity, ArDenialEntity, ArPendEntity, ArMoneyEntity] as const;

const tableOf = (manager: EntityManager, entity: EntityTarget<ObjectLiteral>) =>
  manager.connection.getMetadata(entity).tableName;

/** One statement for every table, one array parameter for the batch's claims, however many. */
const deleteClaims = (manager: EntityManager, entities: EntityTarget<ObjectLiteral>[], ids: string[]) =>
  deleteFromTables(
    manager,
    entities.map((entity) => tableOf(manager, entity)),
    'claim_id',
    ids,
  );

/**
 * The facts every AR report reads, per claim: milestones, balance periods on both time bases, denials, pends and
 * daily money. A batch folds each touched claim's ledger further and rewrites that claim's rows, so a back-dated
 * event or a reversal lands exactly where its business date puts it.
 */
export const arAnalyticsProjection: Projection = {
  name: 'ar_analytics',

  async apply(events: readonly RecordedEvent[], manager: EntityManager): Promise<void> {
    const byClaim = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const claimId = claimIdOfStream(event.streamName);
      if (claimId === undefined) continue;
      const list = byClaim.get(claimId);
      if (list) list.push(event);
      else byClaim.set(claimId, [event]);
    }
    if (byClaim.size === 0) return;
    const ids = [...byClaim.keys()];
    const stored: { claimId: string; ledger: ClaimLedger }[] = await manager.query(
      'SELECT claim_id AS "claimId", ledger FROM ar_claim_ledgers WHERE claim_id = ANY($1)',
      [ids],
    );
    const ledgers = new Map<string, ClaimLedger>(stored.map((row) => [row.claimId, row.ledger]));
    for (const [claimId, claimEvents] of byClaim)
      ledgers.set(claimId, claimEvents.reduce<ClaimLedger | undefined>(advanceLedger, ledgers.get(claimId))!);

    const facts: ArClaimFactEntity[] = [];
    const kept: ArClaimLedgerEntity[] = [];
    const gone: string[] = [];
    const children = { periods: [], denials: [], pends: [], money: [] } as Record<string, ObjectLiteral[]>;
    for (const [claimId, ledger] of ledgers) {
      const rows = analyticsRows(ledger);
      if (!rows) {
        gone.push(claimId);
        continue;
      }
      facts.push(Object.assign(new ArClaimFactEntity(), rows.fact));
      kept.push(Object.assign(new ArClaimLedgerEntity(), { claimId, ledger }));
      children.periods!.push(...rows.periods);
      children.denials!.push(...rows.denials);
      children.pends!.push(...rows.pends);
      children.money!.push(...rows.money);
    }
    // Two round trips for the whole batch: every old row out, then every new row in (a statement cannot insert a key
    // its own other part deletes: both would see the same snapshot).
    await deleteClaims(manager, [...CHILDREN], ids);
    if (gone.length > 0) await deleteClaims(manager, [ArClaimFactEntity, ArClaimLedgerEntity], gone);
    const rows = (entity: EntityTarget<ObjectLiteral>, list: ObjectLiteral[]) => ({
      metadata: manager.connection.getMetadata(entity),
      rows: list,
    });
    await upsertTables(manager, [
      rows(ArClaimFactEntity, facts),
      rows(ArClaimLedgerEntity, kept),
      rows(ArBalancePeriodEntity, children.periods!),
      rows(ArDenialEntity, children.denials!),
      rows(ArPendEntity, children.pends!),
      rows(ArMoneyEntity, children.money!),
    ]);
  },

  async forgetStream(streamName: string, manager: EntityManager): Promise<void> {
    const claimId = claimIdOfStream(streamName);
    if (claimId === undefined) return;
    await deleteClaims(manager, [...CHILDREN, ArClaimFactEntity, ArClaimLedgerEntity], [claimId]);
  },
};
