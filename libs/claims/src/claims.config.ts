import type { ClaimsSettings } from './claims.module.js';

export function readClaimsConfig(env: NodeJS.ProcessEnv): {
  settings: ClaimsSettings;
  problems: { key: string; message: string }[];
} {
  const problems: { key: string; message: string }[] = [];
  const raw = env.READ_YOUR_WRITES_TIMEOUT_MS;
  const readYourWritesTimeoutMs = raw ? Number(raw) : 5000;
  if (
    !Number.isInteger(readYourWritesTimeoutMs) ||
    readYourWritesTimeoutMs < 0 ||
    readYourWritesTimeoutMs > 60_000
  ) {
    problems.push({ key: 'READ_YOUR_WRITES_TIMEOUT_MS', message: 'must be an integer from 0 to 60000' });
  }
  return { settings: { readYourWritesTimeoutMs }, problems };
}
