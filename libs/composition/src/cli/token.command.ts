import {
  isRole,
  isTokenSubject,
  loadLocalSigningKey,
  mintLocalToken,
  ROLES,
  type Role,
} from '@claimtrail/platform';
import { type Command, InvalidArgumentError } from 'commander';
import { CliFailure, type CliContext } from './cli-context.js';

const DURATION = /^(\d{1,6})([smhd])$/;
const SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

function duration(value: string): number {
  const match = DURATION.exec(value);
  const seconds = match ? Number(match[1]) * SECONDS[match[2] as keyof typeof SECONDS] : 0;
  if (seconds < 1 || seconds > 30 * 86_400)
    throw new InvalidArgumentError('a duration like 30m, 8h or 7d, up to 30d');
  return seconds;
}

function role(value: string, previous: Role[] = []): Role[] {
  if (!isRole(value)) throw new InvalidArgumentError(`one of ${ROLES.join(', ')}`);
  return [...previous, value];
}

/**
 * `token`: a development bearer token signed with this installation's local key (created on first use), for
 * trying the API without an identity provider. Refused in production and wherever tokens come from a JWKS.
 */
export function tokenCommand(program: Command, context: CliContext): void {
  program
    .command('token')
    .description(
      'mint a development bearer token from the local signing key (not in production); prints the token',
    )
    .requiredOption('--role <role>', `a role (repeat for more): ${ROLES.join(', ')}`, role)
    .requiredOption('--actor <name>', 'the subject recorded as the actor of every change made with it')
    .option('--ttl <duration>', 'how long it holds: 30m, 8h, 7d (up to 30d)', duration, 8 * 3_600)
    .action(async (options: { role: Role[]; actor: string; ttl: number }) => {
      const { auth } = context.config();
      if (auth.production)
        throw new CliFailure('claimtrail token is refused in production (NODE_ENV=production)', 2);
      if (auth.jwksUrl)
        throw new CliFailure(
          'Tokens come from the identity provider (AUTH_JWKS_URL); none are minted here',
          2,
        );
      if (!isTokenSubject(options.actor))
        throw new CliFailure('--actor must be 1-255 visible ASCII characters', 2);
      const key = await loadLocalSigningKey(auth.localKeyFile);
      const token = await mintLocalToken(key, {
        actor: options.actor,
        roles: [...new Set(options.role)],
        audience: auth.audience,
        ttlSeconds: options.ttl,
        now: new Date(),
      });
      process.stdout.write(`${token}\n`);
    });
}
