import { fnv1a32, partitionOf } from './stream-partition.js';

describe('fnv1a32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('gives the published FNV-1a 32-bit value of %j', (text, hash) => {
    expect(fnv1a32(text)).toBe(hash);
  });

  it('hashes the UTF-8 bytes (é is C3 A9), so a name hashes alike in any language', () => {
    expect(fnv1a32('é')).toBe(0x1e9de8c1);
  });
});

describe('partitionOf', () => {
  const claims = Array.from({ length: 10_000 }, (_, i) => `claim-CLM-${String(i).padStart(6, '0')}`);

  it('puts every stream in partition 0 of 1 without hashing', () => {
    expect(new Set(claims.map((name) => partitionOf(name, 1)))).toEqual(new Set([0]));
  });

  it('gives a stream the same partition every time, and one within range', () => {
    for (const name of claims.slice(0, 100)) {
      const partition = partitionOf(name, 8);
      expect(partition).toBe(partitionOf(name, 8));
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(8);
    }
  });

  it.each([2, 4, 8])('spreads sequential claim ids evenly over %i partitions', (partitions) => {
    const counts = new Array<number>(partitions).fill(0);
    for (const name of claims) counts[partitionOf(name, partitions)]!++;
    const fair = claims.length / partitions;
    for (const count of counts) expect(Math.abs(count - fair) / fair).toBeLessThan(0.1);
  });

  it('keeps the partitions of known names (a changed hash would move streams between checkpoints)', () => {
    expect(['claim-CLM-1001', 'claim-CLM-1002', 'remittance-MCRTX-1'].map((n) => partitionOf(n, 4))).toEqual([
      1, 0, 0,
    ]);
  });
});
