import type { AddressInfo } from 'node:net';
import { loadClaimTrailConfig, startApi } from '@claimtrail/composition';
import { startTestApi, type TestApi } from '../support/api-harness.js';

describe('listening', () => {
  let api: TestApi;
  const lines: string[] = [];
  const logDestination = { write: (line: string) => void lines.push(...line.split('\n').filter(Boolean)) };
  const messages = (from = 0) => lines.slice(from).map((line) => (JSON.parse(line) as { msg: string }).msg);

  beforeAll(async () => {
    api = await startTestApi({ LOG_LEVEL: 'info' }, undefined, { logDestination });
  });
  afterAll(async () => api?.close());

  it('listens on loopback only unless HOST says otherwise', () => {
    expect((api.app.getHttpServer().address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('says it listens only once it does, after everything else has started', () => {
    const port = (api.app.getHttpServer().address() as AddressInfo).port;
    const listening = messages().filter((msg) => /^Listening on /.test(msg));
    expect(listening).toEqual([`Listening on http://127.0.0.1:${port}/graphql`]);
    expect(messages().indexOf(listening[0]!)).toBeGreaterThan(
      messages().indexOf('Nest application successfully started'),
    );
  });

  it('refuses to start a second instance on a port in use, before it boots, and leaves the first serving', async () => {
    const port = (api.app.getHttpServer().address() as AddressInfo).port;
    const before = lines.length;
    const second = startApi(loadClaimTrailConfig({ PORT: String(port), LOG_LEVEL: 'info' }), {
      logDestination,
    });
    await expect(second).rejects.toThrow(
      `Cannot listen on 127.0.0.1:${port}: port ${port} on 127.0.0.1 is already in use`,
    );
    // It failed before it opened the database or booted Nest, so nothing of it said it started.
    expect(messages(before).filter((msg) => /start|Listening/i.test(msg))).toEqual([]);
    const still = await api.gql('{ payers { payerId } }');
    expect(still.errors).toBeUndefined();
    expect(still.data!.payers).toEqual(expect.any(Array));
  });
});
