import { IsIn, IsOptional, Matches } from 'class-validator';
import { ConfigError, defineConfig, loadConfig } from './config-section.js';
import { EnvBoolean, EnvInteger } from './env-rules.js';

class StoreEnv {
  @IsOptional()
  @IsIn(['postgres', 'eventstoredb'], { message: '$property must be postgres or eventstoredb' })
  STORE?: string;

  @IsOptional()
  @Matches(/^postgres:\/\//, { message: '$property must be a postgres:// URL' })
  STORE_URL?: string;
}

class ServerEnv {
  @EnvInteger(0, 65535)
  PORT?: number;

  @EnvBoolean()
  VERBOSE?: boolean;
}

const sections = {
  store: defineConfig('store', StoreEnv, (env) => ({ kind: env.STORE ?? 'postgres', url: env.STORE_URL })),
  server: defineConfig('server', ServerEnv, (env) => ({
    port: env.PORT ?? 3000,
    verbose: env.VERBOSE ?? false,
  })),
};

describe('loadConfig', () => {
  it('builds every section from the environment, with defaults for unset and blank keys', () => {
    expect(
      loadConfig({ STORE: 'eventstoredb', PORT: '8080', VERBOSE: '1', STORE_URL: ' ' }, sections),
    ).toEqual({
      store: { kind: 'eventstoredb', url: undefined },
      server: { port: 8080, verbose: true },
    });
  });

  it('lists every bad key of every section at once, without echoing a value', () => {
    const secret = 'mysql://admin:hunter2@db';
    let error: unknown;
    try {
      loadConfig({ STORE: 'mongo', STORE_URL: secret, PORT: '70000', VERBOSE: 'yes' }, sections);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.key).sort()).toEqual([
      'PORT',
      'STORE',
      'STORE_URL',
      'VERBOSE',
    ]);
    expect((error as ConfigError).message).toContain('PORT must be an integer from 0 to 65535');
    expect((error as ConfigError).message).not.toContain('hunter2');
    expect((error as ConfigError).message).not.toContain('70000');
  });
});
