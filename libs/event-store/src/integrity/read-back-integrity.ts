import type { EventStore } from '../event-store.port.js';
import { chainedEventOf } from './chain-fields.js';
import type { EventStoreIntegrity, StreamIntegrityReport } from './integrity.port.js';
import { StreamChains, verifyStream, type IntegrityReport } from './verify.js';

/**
 * Integrity through the port alone (in-memory, EventStoreDB): each stream's chain, recomputed from the events read
 * back. There is no log seal: EventStoreDB's $all cannot be rewritten in place (ADR 0005).
 */
export class ReadBackIntegrity implements EventStoreIntegrity {
  constructor(private readonly store: EventStore) {}

  async verifyStream(streamName: string): Promise<StreamIntegrityReport> {
    const events = await this.store.readStream(streamName);
    return { ...verifyStream(events.map(chainedEventOf)), unknown: events.length === 0 };
  }

  async verifyLog(onProgress?: (checked: number, total: number) => void): Promise<IntegrityReport> {
    const chains = new StreamChains();
    let checked = 0;
    for (let after: string | undefined; ;) {
      const page = await this.store.readAll({ after, limit: 1000 });
      if (page.length === 0) return { intact: true, checkedEvents: checked };
      for (const event of page) {
        checked++;
        const firstBroken = chains.check(chainedEventOf(event));
        if (firstBroken) return { intact: false, checkedEvents: checked, firstBroken };
      }
      after = page[page.length - 1]!.position;
      onProgress?.(checked, checked);
    }
  }
}
