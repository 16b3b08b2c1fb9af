import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { loadClaimTrailConfig, startApi } from '@claimtrail/composition';

// The real API in its own process (as `npm start` runs it), for the benchmarks to call over HTTP.
// BENCH_QUERY_COUNTS=<file> counts the statements the process sends, by text, and writes them there when it stops.
const countsFile = process.env.BENCH_QUERY_COUNTS;
const counts = new Map<string, number>();
if (countsFile) {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config] = args;
    const text = typeof config === 'string' ? config : ((config as { text?: string })?.text ?? '?');
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}
const app = await startApi(loadClaimTrailConfig(process.env));
process.on('SIGTERM', () => {
  if (countsFile)
    writeFileSync(
      countsFile,
      JSON.stringify(Object.fromEntries([...counts].sort((a, b) => b[1] - a[1])), null, 2),
    );
  void app.close().then(() => process.exit(0));
});
