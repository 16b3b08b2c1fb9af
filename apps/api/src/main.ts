import { loadClaimTrailConfig, startApi } from '@claimtrail/composition';

try {
  await startApi(loadClaimTrailConfig(process.env));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
