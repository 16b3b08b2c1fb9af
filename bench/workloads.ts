import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@claimtrail/event-store';

/** About 500 bytes of JSON, shaped like a claim event. */
export function benchEvent(index: number): NewEvent {
  return {
    id: randomUUID(),
    type: index % 5 === 0 ? 'ClaimDenied' : 'ClaimNoteAdded',
    schemaVersion: 1,
    data: {
      claimId: `CLM-${String(index).padStart(8, '0')}`,
      payerId: 'PAYER-00042',
      amountCents: 125_000 + (index % 997),
      note: 'Called payer, claim is in process; follow up in 14 days if no remittance is received.',
      lines: [
        { code: '99213', chargeCents: 75_000, units: 1 },
        { code: '87880', chargeCents: 50_000, units: 1 },
      ],
    },
    metadata: {
      actor: 'biller-7',
      occurredAt: '2026-01-02T03:04:05.000Z',
      commandId: randomUUID(),
      correlationId: randomUUID(),
    },
  };
}

export interface Rate {
  events: number;
  seconds: number;
  perSecond: number;
}

export async function timed(events: number, work: () => Promise<void>): Promise<Rate> {
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  return { events, seconds, perSecond: events / seconds };
}

/** Runs writers concurrently; each appends `perWriter` single events round-robin over its own streams. */
export async function singleEventWriters(
  writers: number,
  perWriter: number,
  streamsPerWriter: number,
  append: (stream: string, version: number, event: NewEvent) => Promise<void>,
): Promise<void> {
  const run = `${randomUUID().slice(0, 8)}`;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const versions = new Array<number>(streamsPerWriter).fill(-1);
      for (let i = 0; i < perWriter; i++) {
        const s = i % streamsPerWriter;
        await append(`claim-${run}-${w}-${s}`, versions[s]!, benchEvent(i));
        versions[s]!++;
      }
    }),
  );
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
