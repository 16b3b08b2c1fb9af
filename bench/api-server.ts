import { loadClaimTrailConfig, startApi } from '@claimtrail/composition';

// The real API in its own process (as `npm start` runs it), for the benchmarks to call over HTTP.
const app = await startApi(loadClaimTrailConfig(process.env));
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
