import type { RecordedEvent } from '@claimtrail/event-store';
import { upsertRows, type Projection } from '@claimtrail/projections';
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

const writeAll = <Row extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<Row>,
  rows: Row[],
) => upsertRows(manager, manager.connection.getMetadata(entity), rows);

/** One array parameter for the batch's claims, however many. */
const deleteClaims = (manager: EntityManager, entity: EntityTarget<ObjectLiteral>, ids: string[]) =>
  manager.query(
    `DELETE FROM "${manager.connection.getMetadata(entity).tableName}" WHERE claim_id = ANY($1)`,
    [ids],
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

    for (const entity of CHILDREN) await deleteClaims(manager, entity, ids);
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
    if (gone.length > 0) {
      await deleteClaims(manager, ArClaimFactEntity, gone);
      await deleteClaims(manager, ArClaimLedgerEntity, gone);
    }
    await writeAll(manager, ArClaimFactEntity, facts);
    await writeAll(manager, ArClaimLedgerEntity, kept);
    await writeAll(manager, ArBalancePeriodEntity, children.periods!);
    await writeAll(manager, ArDenialEntity, children.denials!);
    await writeAll(manager, ArPendEntity, children.pends!);
    await writeAll(manager, ArMoneyEntity, children.money!);
  },

  async forgetStream(streamName: string, manager: EntityManager): Promise<void> {
    const claimId = claimIdOfStream(streamName);
    if (claimId === undefined) return;
    for (const entity of [...CHILDREN, ArClaimFactEntity, ArClaimLedgerEntity])
      await deleteClaims(manager, entity, [claimId]);
  },
};
