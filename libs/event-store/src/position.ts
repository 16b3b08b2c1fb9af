import { InvalidEventStoreArgumentError } from './event-store.errors.js';
import type { Position } from './event-store.port.js';

const WIDTH = 20;
const FORMAT = /^(\d{20})\/(\d{20})$/;

/** Two unsigned 64-bit parts, zero-padded so that string order is numeric order. */
export function formatPosition(major: bigint | string | number, minor: bigint | string | number): Position {
  return `${String(major).padStart(WIDTH, '0')}/${String(minor).padStart(WIDTH, '0')}`;
}

export function parsePosition(position: Position): [bigint, bigint] {
  const match = FORMAT.exec(position);
  if (!match) throw new InvalidEventStoreArgumentError('Not a position returned by this event store');
  return [BigInt(match[1]!), BigInt(match[2]!)];
}

export function isPosition(value: unknown): value is Position {
  return typeof value === 'string' && FORMAT.test(value);
}

/** Negative when a comes before b in the log; undefined means before every event. */
export function comparePositions(a: Position | undefined, b: Position | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}
