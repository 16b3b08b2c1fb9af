const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/**
 * FNV-1a, 32 bits, over the UTF-8 bytes of the text. Checkpoints are stored per partition, so this function may never
 * change: a stream moved to another partition would be applied twice or never.
 */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of encoder.encode(text)) hash = Math.imul(hash ^ byte, FNV_PRIME);
  return hash >>> 0;
}

/** Which of `partitions` partitions a stream's events belong to. */
export function partitionOf(streamName: string, partitions: number): number {
  return partitions === 1 ? 0 : fnv1a32(streamName) % partitions;
}

/** One share of a projection's streams: those whose partitionOf is index, out of count. */
export interface PartitionSlice {
  index: number;
  count: number;
}

export const WHOLE_LOG: PartitionSlice = { index: 0, count: 1 };
