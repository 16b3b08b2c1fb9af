import type { RecordedEvent } from '@claimtrail/event-store';
import type { Projection } from '@claimtrail/projections';
import { In, type EntityManager, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { claimIdOfStream } from '../../domain/index.js';
import { advanceLedger, type ClaimLedger } from './claim-ledger.js';
import {
  ArBalancePeriodEntity,
  ArClaimFactEntity,
  ArDenialEntity,
  ArMoneyEntity,
  ArPendEntity,
} from './ar-analytics.entities.js';
import { analyticsRows } from './ar-analytics.rows.js';

const CHILDREN = [ArBalancePeriodEntity, ArDenialEntity, ArPendEntity, ArMoneyEntity] as const;
const CHUNK = 1000;

async function insertAll<Row extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<Row>,
  rows: Row[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await manager.insert(entity, rows.slice(i, i + CHUNK) as never[]);
}

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
    const stored = await manager.find(ArClaimFactEntity, {
      select: { claimId: true, ledger: true },
      where: { claimId: In(ids) },
    });
    const ledgers = new Map<string, ClaimLedger>(stored.map((row) => [row.claimId, row.ledger]));
    for (const [claimId, claimEvents] of byClaim)
      ledgers.set(claimId, claimEvents.reduce<ClaimLedger | undefined>(advanceLedger, ledgers.get(claimId))!);

    for (const entity of CHILDREN) await manager.delete(entity, { claimId: In(ids) });
    const facts: ArClaimFactEntity[] = [];
    const children = { periods: [], denials: [], pends: [], money: [] } as Record<string, ObjectLiteral[]>;
    for (const [claimId, ledger] of ledgers) {
      const rows = analyticsRows(ledger);
      if (!rows) {
        await manager.delete(ArClaimFactEntity, { claimId });
        continue;
      }
      facts.push(Object.assign(new ArClaimFactEntity(), rows.fact, { ledger }));
      children.periods!.push(...rows.periods);
      children.denials!.push(...rows.denials);
      children.pends!.push(...rows.pends);
      children.money!.push(...rows.money);
    }
    for (let i = 0; i < facts.length; i += CHUNK)
      await manager.upsert(ArClaimFactEntity, facts.slice(i, i + CHUNK), ['claimId']);
    await insertAll(manager, ArBalancePeriodEntity, children.periods!);
    await insertAll(manager, ArDenialEntity, children.denials!);
    await insertAll(manager, ArPendEntity, children.pends!);
    await insertAll(manager, ArMoneyEntity, children.money!);
  },

  async forgetStream(streamName: string, manager: EntityManager): Promise<void> {
    const claimId = claimIdOfStream(streamName);
    if (claimId === undefined) return;
    for (const entity of [...CHILDREN, ArClaimFactEntity]) await manager.delete(entity, { claimId });
  },
};
