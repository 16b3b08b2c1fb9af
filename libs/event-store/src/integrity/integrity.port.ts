import type { IntegrityReport } from './verify.js';

export interface StreamIntegrityReport extends IntegrityReport {
  /** Nothing of the stream is stored or sealed: it never existed. */
  unknown: boolean;
}

/** Recomputes the tamper-evidence chains (ADR 0005) and reports the first broken link. */
export interface EventStoreIntegrity {
  /** One stream: its chain and, where the log is sealed, its seals. */
  verifyStream(streamName: string): Promise<StreamIntegrityReport>;
  /** Every stream's chain and the seal over the whole log; onProgress gets events checked and the total. */
  verifyLog(onProgress?: (checked: number, total: number) => void): Promise<IntegrityReport>;
}

export const EVENT_STORE_INTEGRITY = Symbol('EVENT_STORE_INTEGRITY');
