import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLocalSigningKey, mintLocalToken, ROLES, type Role } from '@claimtrail/platform';

/** The development signing key every API a test starts uses (in process or as `npm start` runs it). */
export const TEST_KEY_FILE = join(tmpdir(), 'claimtrail-test-signing-key.json');

/** Settings every test API starts with: the test key, and rate limits no test reaches unless it sets its own. */
export const TEST_AUTH_ENV = {
  AUTH_LOCAL_KEY_FILE: TEST_KEY_FILE,
  RATE_LIMIT_PER_TOKEN: '10000000',
  RATE_LIMIT_PER_IP: '10000000',
};

let key: ReturnType<typeof loadLocalSigningKey> | undefined;

/** A token from the test key, as `claimtrail token` mints one: every role unless the test names some. */
export async function testToken(actor = 'test', roles: readonly Role[] = ROLES, ttlSeconds = 86_400) {
  key ??= loadLocalSigningKey(TEST_KEY_FILE);
  return mintLocalToken(await key, { actor, roles, audience: 'claimtrail', ttlSeconds, now: new Date() });
}

const headers = new Map<string, Promise<{ authorization: string }>>();

/** The Authorization header of testToken, minted once per actor and roles. */
export function bearer(actor = 'test', roles: readonly Role[] = ROLES): Promise<{ authorization: string }> {
  const key = `${actor} ${roles.join(',')}`;
  let header = headers.get(key);
  if (!header)
    headers.set(key, (header = testToken(actor, roles).then((t) => ({ authorization: `Bearer ${t}` }))));
  return header;
}
