import { loadClaimTrailConfig, startWorker } from '@claimtrail/composition';

try {
  await startWorker(loadClaimTrailConfig(process.env));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
