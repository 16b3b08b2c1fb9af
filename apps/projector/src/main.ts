import { loadClaimTrailConfig, startWorker } from '@claimtrail/composition';
import { shutDownOnSignals } from '@claimtrail/platform';

try {
  const config = loadClaimTrailConfig(process.env);
  shutDownOnSignals(await startWorker(config), config.shutdown);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
