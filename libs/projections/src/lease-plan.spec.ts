import { fairShare, planLeases } from './lease-plan.js';

describe('fairShare', () => {
  it.each([
    [4, 1, 4],
    [4, 2, 2],
    [4, 3, 2],
    [8, 3, 3],
    [1, 2, 1],
    [4, 0, 4],
  ])('gives each of %i partitions shared by %i live workers at most %i', (partitions, workers, share) => {
    expect(fairShare(partitions, workers)).toBe(share);
  });
});

describe('planLeases', () => {
  describe('a worker alone', () => {
    it('takes every partition', () => {
      expect(planLeases({ partitions: 4, liveWorkers: 1, owned: [] })).toEqual({ take: 4, release: [] });
    });

    it('takes those it lacks after a worker died', () => {
      expect(planLeases({ partitions: 4, liveWorkers: 1, owned: [0, 2] })).toEqual({ take: 2, release: [] });
    });
  });

  describe('a worker holding its share', () => {
    it('keeps it and takes nothing', () => {
      expect(planLeases({ partitions: 4, liveWorkers: 2, owned: [1, 3] })).toEqual({ take: 0, release: [] });
    });
  });

  describe('a worker holding more than its share', () => {
    it('releases its highest partitions when a worker joins, keeping partition 0 and its sealer', () => {
      expect(planLeases({ partitions: 4, liveWorkers: 2, owned: [3, 0, 2, 1] })).toEqual({
        take: 0,
        release: [2, 3],
      });
    });

    it('releases nothing while the share is rounded up for it', () => {
      expect(planLeases({ partitions: 4, liveWorkers: 3, owned: [0, 1] })).toEqual({ take: 0, release: [] });
    });
  });
});
