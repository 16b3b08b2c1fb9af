import type { Position } from '../event-store.port.js';
import { formatPosition } from '../position.js';
import { eventHash, sealHash, type ChainFields } from './event-chain.js';

/** Why a link is broken; the first one found in log (or version) order is reported. */
export type BrokenReason =
  /** The event's content no longer hashes to its stored hash (an edited row), or it has no hash. */
  | 'EVENT_CHANGED'
  /** A version of the stream, or a sealed event, is gone (a deleted row). */
  | 'EVENT_MISSING'
  /** A sealed event is no longer where the seal put it in the log (a position or transaction id was changed). */
  | 'EVENT_MOVED'
  /** An event sits inside the sealed part of the log without a seal (a row inserted or moved there). */
  | 'EVENT_NOT_SEALED'
  /** The seal no longer matches its event and its predecessor (an edited seal, or an edited recorded time). */
  | 'SEAL_CHANGED';

export interface BrokenLink {
  streamName: string;
  version: number;
  /** Where the event is (or, when sealed, where the seal put it); undefined for an unsealed missing version. */
  position?: Position;
  reason: BrokenReason;
}

export interface IntegrityReport {
  intact: boolean;
  checkedEvents: number;
  firstBroken?: BrokenLink;
}

/** An event as stored, with its data and metadata as stored text, for recomputing its hash. */
export interface ChainedEvent extends ChainFields {
  transactionId: string;
  positionId: string;
  recordedAt: string;
  /** The stored hash, hex. */
  hash?: string;
}

/** A row of the log seal: the event it sealed, where, and the chained seal hash. */
export interface LogSeal {
  seq: number;
  transactionId: string;
  positionId: string;
  streamName: string;
  version: number;
  eventId: string;
  eventHash: string;
  seal: string;
}

const positionOf = (e: { transactionId: string; positionId: string }): Position =>
  formatPosition(e.transactionId, e.positionId);

const compareLog = (a: { transactionId: string; positionId: string }, b: typeof a): number => {
  const [x, y] = [BigInt(a.transactionId), BigInt(b.transactionId)];
  if (x !== y) return x < y ? -1 : 1;
  const [p, q] = [BigInt(a.positionId), BigInt(b.positionId)];
  return p === q ? 0 : p < q ? -1 : 1;
};

/** Follows the chain of each stream, fed events in log order (or one stream's events in version order). */
export class StreamChains {
  private readonly heads = new Map<string, { version: number; hash: string }>();

  /** The broken link at this event, if any. */
  check(event: ChainedEvent): BrokenLink | undefined {
    const head = this.heads.get(event.streamName);
    const expected = head ? head.version + 1 : 0;
    const at = { streamName: event.streamName, position: positionOf(event) };
    if (event.version !== expected) {
      return event.version > expected
        ? { streamName: event.streamName, version: expected, reason: 'EVENT_MISSING' }
        : { ...at, version: event.version, reason: 'EVENT_MOVED' };
    }
    const hash = eventHash(head?.hash, event);
    if (hash !== event.hash) return { ...at, version: event.version, reason: 'EVENT_CHANGED' };
    this.heads.set(event.streamName, { version: event.version, hash });
    return undefined;
  }
}

/** Checks one seal against the event found at its place (undefined: none there) and its predecessor's seal. */
export function checkSeal(
  seal: LogSeal,
  event: ChainedEvent | undefined,
  previousSeal: string | undefined,
): BrokenLink | undefined {
  const at = { streamName: seal.streamName, version: seal.version, position: positionOf(seal) };
  if (!event) return { ...at, reason: 'EVENT_MISSING' };
  if (
    compareLog(event, seal) !== 0 ||
    event.streamName !== seal.streamName ||
    event.version !== seal.version ||
    event.eventId.toLowerCase() !== seal.eventId.toLowerCase()
  )
    return { ...at, reason: 'EVENT_MOVED' };
  if (event.hash !== seal.eventHash) return { ...at, reason: 'EVENT_CHANGED' };
  const expected = sealHash(previousSeal, {
    seq: seal.seq,
    transactionId: event.transactionId,
    position: event.positionId,
    streamName: event.streamName,
    version: event.version,
    eventId: event.eventId,
    eventHash: event.hash,
    recordedAt: event.recordedAt,
  });
  return expected === seal.seal ? undefined : { ...at, reason: 'SEAL_CHANGED' };
}

const report = (checkedEvents: number, firstBroken?: BrokenLink): IntegrityReport =>
  firstBroken ? { intact: false, checkedEvents, firstBroken } : { intact: true, checkedEvents };

/** One stream's chain: events in version order. */
export function verifyStream(events: readonly ChainedEvent[]): IntegrityReport {
  const chains = new StreamChains();
  for (const event of events) {
    const broken = chains.check(event);
    if (broken) return report(events.length, broken);
  }
  return report(events.length);
}

/**
 * One stream against the log seal: its chain, each of its seals (with the seal before it in the log, whatever its
 * stream), and no unsealed event of it inside the sealed part of the log. The broken link of the lowest version wins.
 */
export function verifyStreamSealed(
  events: readonly ChainedEvent[],
  seals: readonly (LogSeal & { previousSeal?: string })[],
  lastSealed: { transactionId: string; positionId: string } | undefined,
): IntegrityReport {
  const found: BrokenLink[] = [];
  const chain = verifyStream(events).firstBroken;
  if (chain) found.push(chain);
  const byVersion = new Map(events.map((e) => [e.version, e]));
  const sealed = new Set<number>();
  for (const seal of seals) {
    sealed.add(seal.version);
    const broken = checkSeal(seal, byVersion.get(seal.version), seal.previousSeal);
    if (broken) found.push(broken);
  }
  for (const event of events) {
    if (!sealed.has(event.version) && lastSealed && compareLog(event, lastSealed) <= 0)
      found.push({
        streamName: event.streamName,
        version: event.version,
        position: positionOf(event),
        reason: 'EVENT_NOT_SEALED',
      });
  }
  // A missing version named by the chain and by its seal: the seal knows where it was.
  const first = found.sort((a, b) => a.version - b.version || (a.position ? -1 : 1))[0];
  return report(Math.max(events.length, seals.length), first);
}

/**
 * The whole log: every stream's chain, and the seal chain against the events in log order. Events come in log
 * order and seals in seq order, page by page; events after the last seal are checked by their chains only (the
 * sealer has not reached them yet).
 */
export async function verifyLog(
  events: AsyncIterable<ChainedEvent[]>,
  seals: AsyncIterable<LogSeal[]>,
  onProgress: (checked: number) => void = () => undefined,
): Promise<IntegrityReport> {
  const chains = new StreamChains();
  const sealIterator = seals[Symbol.asyncIterator]();
  let pending: LogSeal[] = [];
  let sealsDone = false;
  let previousSeal: string | undefined;
  let checked = 0;
  const nextSeal = async (): Promise<LogSeal | undefined> => {
    while (pending.length === 0 && !sealsDone) {
      const page = await sealIterator.next();
      if (page.done) sealsDone = true;
      else pending = [...page.value];
    }
    return pending[0];
  };
  for await (const page of events) {
    for (const event of page) {
      // Seals placed before this event whose events are gone.
      for (let seal = await nextSeal(); seal && compareLog(seal, event) < 0; seal = await nextSeal()) {
        return report(checked, checkSeal(seal, undefined, previousSeal));
      }
      const seal = await nextSeal();
      const broken =
        seal && compareLog(seal, event) === 0
          ? (checkSeal(seal, event, previousSeal) ?? chains.check(event))
          : seal
            ? {
                streamName: event.streamName,
                version: event.version,
                position: positionOf(event),
                reason: 'EVENT_NOT_SEALED' as const,
              }
            : chains.check(event);
      checked++;
      if (broken) return report(checked, broken);
      if (seal && compareLog(seal, event) === 0) {
        previousSeal = seal.seal;
        pending.shift();
      }
    }
    onProgress(checked);
  }
  const orphan = await nextSeal();
  return report(checked, orphan && checkSeal(orphan, undefined, previousSeal));
}
