/** How many partitions one of liveWorkers workers should hold: every partition owned, none hoarded. */
export function fairShare(partitions: number, liveWorkers: number): number {
  return Math.ceil(partitions / Math.max(1, liveWorkers));
}

export interface LeasePlan {
  /** How many more free or expired partitions to try to take. */
  take: number;
  /** Partitions to stop and hand back, so that a worker that joined can take them. */
  release: number[];
}

/** What a worker holding `owned` should do on its next lease round, seeing liveWorkers alive (itself included). */
export function planLeases(input: {
  partitions: number;
  liveWorkers: number;
  owned: readonly number[];
}): LeasePlan {
  const share = fairShare(input.partitions, input.liveWorkers);
  const owned = [...input.owned].sort((a, b) => a - b);
  if (owned.length > share) return { take: 0, release: owned.slice(share) };
  return { take: share - owned.length, release: [] };
}
