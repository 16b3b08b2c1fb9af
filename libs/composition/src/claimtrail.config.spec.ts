import { ConfigError } from '@claimtrail/platform';
import { loadClaimTrailConfig as loadApiConfig } from './claimtrail.config.js';

function problemKeys(env: NodeJS.ProcessEnv): string[] {
  try {
    loadApiConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((problem) => problem.key);
  }
}

// Production refuses to start without an identity provider's JWKS and a patient master key.
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWKS_URL: 'https://idp.example.org/.well-known/jwks.json',
  AUTH_ISSUER: 'https://idp.example.org/',
  PATIENT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('loadClaimTrailConfig', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(loadApiConfig({}).http.host).toBe('127.0.0.1');
    expect(loadApiConfig({ HOST: '0.0.0.0' }).http.host).toBe('0.0.0.0');
    expect(loadApiConfig({ HOST: '::' }).http.host).toBe('::');
    expect(loadApiConfig({ HOST: 'api.internal' }).http.host).toBe('api.internal');
  });

  it('refuses a HOST that is neither an address nor a host name', () => {
    expect(problemKeys({ HOST: 'http://0.0.0.0' })).toEqual(['HOST']);
    expect(problemKeys({ HOST: 'two words' })).toEqual(['HOST']);
  });

  it('logs at info by default and accepts only pino levels', () => {
    expect(loadApiConfig({}).logging.level).toBe('info');
    expect(loadApiConfig({ LOG_LEVEL: 'silent' }).logging.level).toBe('silent');
    expect(problemKeys({ LOG_LEVEL: 'verbose' })).toEqual(['LOG_LEVEL']);
  });

  it('has query limits by default, each configurable', () => {
    expect(loadApiConfig({}).graphql.queryLimits).toEqual({
      maxAliases: 15,
      maxDepth: 8,
      maxTokens: 5000,
      maxDirectives: 10,
      maxCost: 50_000,
      maxSubscriptions: 5,
      blockFieldSuggestions: false,
    });
    expect(loadApiConfig({ QUERY_MAX_COST: '1000', QUERY_MAX_DEPTH: '4' }).graphql.queryLimits).toMatchObject(
      {
        maxCost: 1000,
        maxDepth: 4,
      },
    );
  });

  it('blocks field suggestions in production', () => {
    expect(loadApiConfig(PRODUCTION).graphql.queryLimits.blockFieldSuggestions).toBe(true);
  });

  it('refuses production without a JWKS to verify tokens, and a JWKS without its issuer', () => {
    expect(problemKeys({ ...PRODUCTION, AUTH_JWKS_URL: undefined })).toEqual(['AUTH_JWKS_URL']);
    expect(problemKeys({ AUTH_JWKS_URL: PRODUCTION.AUTH_JWKS_URL })).toEqual(['AUTH_ISSUER']);
    expect(problemKeys({ GRAPHIQL: 'true', ...PRODUCTION })).toEqual([]);
    expect(loadApiConfig({ GRAPHIQL: 'true', ...PRODUCTION }).graphql.graphiql).toBe(false);
  });

  it('verifies tokens with the local development key unless a JWKS is configured', () => {
    expect(loadApiConfig({}).auth).toEqual({
      jwksUrl: undefined,
      issuer: 'claimtrail-local',
      audience: 'claimtrail',
      rolesClaim: 'roles',
      localKeyFile: '.claimtrail/local-signing-key.json',
      production: false,
      rateLimit: { windowSeconds: 60, perToken: 6000, perIp: 12000 },
    });
    expect(loadApiConfig(PRODUCTION).auth).toMatchObject({
      jwksUrl: PRODUCTION.AUTH_JWKS_URL,
      issuer: PRODUCTION.AUTH_ISSUER,
      production: true,
    });
  });

  it("lists every bad key of every library's schema at once, without echoing a value", () => {
    const env = {
      HOST: '-',
      LOG_LEVEL: 'loud',
      QUERY_MAX_ALIASES: '0',
      QUERY_MAX_DEPTH: 'deep',
      QUERY_MAX_TOKENS: '1.5',
      QUERY_MAX_DIRECTIVES: '-1',
      QUERY_MAX_COST: '1e12',
      PORT: '70000',
      DATABASE_URL: 'mysql://admin:hunter2@db/claims',
      DATABASE_POOL_SIZE: '0',
      EVENT_STORE: 'mongo',
      PROJECTOR_IN_PROCESS: 'maybe',
      PROJECTOR_PARTITIONS: '0',
      PROJECTOR_LEASE_SECONDS: 'long',
      READ_YOUR_WRITES_TIMEOUT_MS: '-5',
      HEALTH_MAX_PROJECTION_LAG_SECONDS: 'soon',
      REQUEST_BODY_LIMIT: 'big',
      GRAPHIQL: 'yes',
      AUTH_JWKS_URL: 'ftp://idp',
      AUTH_ISSUER: ' ',
      RATE_LIMIT_PER_TOKEN: '0',
      SHUTDOWN_TIMEOUT_MS: '10s',
    };
    expect(problemKeys(env).sort()).toEqual(Object.keys(env).sort());
    let message = '';
    try {
      loadApiConfig(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toMatch(/hunter2|mysql|70000|mongo|maybe|ftp/);
  });

  it('reads the same keys the README lists, with their defaults', () => {
    const config = loadApiConfig({});
    expect(config.database).toEqual({ url: undefined, embeddedDataDir: undefined, poolSize: undefined });
    expect(config.eventStore).toEqual({ kind: 'postgres' });
    expect(config.projector).toEqual({
      inProcess: true,
      batchSize: 500,
      rebuildBatchSize: 5000,
      partitions: 1,
      leaseSeconds: 15,
    });
    expect(config.readYourWrites).toEqual({ timeoutMs: 5000 });
    expect(config.http).toEqual({ port: 3000, host: '127.0.0.1', bodyLimit: '512kb' });
    expect(config.shutdown).toEqual({ timeoutMs: 10_000 });
    expect(config.graphql.graphiql).toBe(true);
    expect(loadApiConfig(PRODUCTION).graphql.graphiql).toBe(false);
    expect(loadApiConfig({ PROJECTOR_IN_PROCESS: 'false' }).projector.inProcess).toBe(false);
    expect(config.tracing.enabled).toBe(false);
    expect(loadApiConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing.enabled).toBe(
      true,
    );
  });

  it('bounds a shutdown by SHUTDOWN_TIMEOUT_MS, from one second to ten minutes', () => {
    expect(loadApiConfig({ SHUTDOWN_TIMEOUT_MS: '25000' }).shutdown.timeoutMs).toBe(25_000);
    expect(problemKeys({ SHUTDOWN_TIMEOUT_MS: '999' })).toEqual(['SHUTDOWN_TIMEOUT_MS']);
    expect(problemKeys({ SHUTDOWN_TIMEOUT_MS: '600001' })).toEqual(['SHUTDOWN_TIMEOUT_MS']);
  });

  it('refuses to start in production without a patient master key, naming the key and never a value', () => {
    expect(problemKeys({ ...PRODUCTION, PATIENT_MASTER_KEY: undefined })).toEqual(['PATIENT_MASTER_KEY']);
    expect(() => loadApiConfig({ ...PRODUCTION, PATIENT_MASTER_KEY: undefined })).toThrow(
      /PATIENT_MASTER_KEY is required when NODE_ENV=production/,
    );
  });

  it('takes a patient master key only as the base64 of 32 bytes', () => {
    expect(loadApiConfig(PRODUCTION).patients.masterKey).toEqual(Buffer.alloc(32, 7));
    expect(loadApiConfig({}).patients.masterKey).toBeUndefined();
    const short = Buffer.alloc(16, 9).toString('base64');
    expect(problemKeys({ PATIENT_MASTER_KEY: short })).toEqual(['PATIENT_MASTER_KEY']);
    try {
      loadApiConfig({ PATIENT_MASTER_KEY: short });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(short);
    }
  });

  it('takes earlier master keys during a rotation only with a current one, each the base64 of 32 bytes', () => {
    const previous = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    const list = previous.map((key) => key.toString('base64')).join(',');
    expect(
      loadApiConfig({ ...PRODUCTION, PATIENT_MASTER_KEY_PREVIOUS: list }).patients.previousMasterKeys,
    ).toEqual(previous);
    expect(loadApiConfig(PRODUCTION).patients.previousMasterKeys).toEqual([]);
    expect(problemKeys({ PATIENT_MASTER_KEY_PREVIOUS: list })).toEqual(['PATIENT_MASTER_KEY_PREVIOUS']);
    expect(problemKeys({ ...PRODUCTION, PATIENT_MASTER_KEY_PREVIOUS: `${list},short` })).toEqual([
      'PATIENT_MASTER_KEY_PREVIOUS',
    ]);
  });
});
