import { ConfigError, loadApiConfig } from './api.config.js';

function problemKeys(env: NodeJS.ProcessEnv): string[] {
  try {
    loadApiConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as Error).message.matchAll(/^ {2}(\w+) /gm)].map((match) => match[1]!);
  }
}

describe('loadApiConfig', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(loadApiConfig({}).host).toBe('127.0.0.1');
    expect(loadApiConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadApiConfig({ HOST: '::' }).host).toBe('::');
    expect(loadApiConfig({ HOST: 'api.internal' }).host).toBe('api.internal');
  });

  it('refuses a HOST that is neither an address nor a host name', () => {
    expect(problemKeys({ HOST: 'http://0.0.0.0' })).toEqual(['HOST']);
    expect(problemKeys({ HOST: 'two words' })).toEqual(['HOST']);
  });

  it('logs at info by default and accepts only pino levels', () => {
    expect(loadApiConfig({}).logLevel).toBe('info');
    expect(loadApiConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(problemKeys({ LOG_LEVEL: 'verbose' })).toEqual(['LOG_LEVEL']);
  });

  it('has query limits by default, each configurable', () => {
    expect(loadApiConfig({}).queryLimits).toEqual({
      maxAliases: 15,
      maxDepth: 8,
      maxTokens: 5000,
      maxDirectives: 10,
      maxCost: 50_000,
      blockFieldSuggestions: false,
    });
    expect(loadApiConfig({ QUERY_MAX_COST: '1000', QUERY_MAX_DEPTH: '4' }).queryLimits).toMatchObject({
      maxCost: 1000,
      maxDepth: 4,
    });
  });

  it('blocks field suggestions in production', () => {
    expect(loadApiConfig({ NODE_ENV: 'production' }).queryLimits.blockFieldSuggestions).toBe(true);
  });

  it('lists every bad key at once', () => {
    expect(
      problemKeys({
        HOST: '-',
        LOG_LEVEL: 'loud',
        QUERY_MAX_ALIASES: '0',
        QUERY_MAX_DEPTH: 'deep',
        QUERY_MAX_TOKENS: '1.5',
        QUERY_MAX_DIRECTIVES: '-1',
        QUERY_MAX_COST: '1e12',
        PORT: '70000',
      }),
    ).toEqual([
      'PORT',
      'HOST',
      'LOG_LEVEL',
      'QUERY_MAX_ALIASES',
      'QUERY_MAX_DEPTH',
      'QUERY_MAX_TOKENS',
      'QUERY_MAX_DIRECTIVES',
      'QUERY_MAX_COST',
    ]);
  });
});
