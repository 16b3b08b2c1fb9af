import { InMemoryEventStore, type EventStore } from '@claimtrail/event-store';
import { acknowledgeClaim, AT, logFollowUp, submitClaim } from '../testing/index.js';
import { claimStreamName } from '../domain/index.js';
import { ClaimCommandExecutor, type CommandBody } from './claim-command.executor.js';
import type { CommandContext } from './command-context.js';
import { commandOutcomeOf, observeCommands, type CommandObserver } from './command-observer.port.js';

const { occurredAt: _submittedAt, ...submission } = submitClaim();
const { occurredAt: _acknowledgedAt, ...acknowledgement } = acknowledgeClaim();
const { occurredAt: _loggedAt, ...followUp } = logFollowUp();
const clock = { now: () => new Date(AT.writtenOff) };

describe('claim command executor', () => {
  let store: EventStore;
  let executor: ClaimCommandExecutor;
  const context = (more: Partial<CommandContext> = {}): CommandContext => ({
    actor: 'biller',
    occurredAt: AT.submitted,
    ...more,
  });
  const streamLength = async (claimId = 'CLM-1001') =>
    (await store.readStream(claimStreamName(claimId))).length;

  beforeEach(() => {
    clock.now = () => new Date(AT.writtenOff);
    store = new InMemoryEventStore(() => new Date(AT.acknowledged));
    executor = new ClaimCommandExecutor(store, clock);
  });

  describe('a command id sent again', () => {
    it('returns the first result and appends nothing when the content is the same', async () => {
      const first = await executor.execute('CLM-1001', submission, context({ commandId: 'c-1' }));
      const again = await executor.execute('CLM-1001', submission, context({ commandId: 'c-1' }));
      expect(again).toEqual(first);
      expect(await streamLength()).toBe(1);
    });

    it('counts a missing business time as the same content, though "now" moved on', async () => {
      await executor.execute('CLM-1001', submission, context({ commandId: 'c-1' }));
      const body: CommandBody = acknowledgement;
      const first = await executor.execute('CLM-1001', body, { actor: 'biller', commandId: 'c-2' });
      clock.now = () => new Date(Date.parse(AT.writtenOff) + 60_000);
      const again = await executor.execute('CLM-1001', body, { actor: 'biller', commandId: 'c-2' });
      expect(again).toEqual(first);
      expect(await streamLength()).toBe(2);
    });

    it('is refused with COMMAND_ID_REUSED when the content differs, appending nothing', async () => {
      await executor.execute('CLM-1001', submission, context({ commandId: 'c-1' }));
      await executor.execute('CLM-1001', acknowledgement, context({ commandId: 'c-2' }));
      await expect(
        executor.execute(
          'CLM-1001',
          { ...acknowledgement, payerClaimNumber: 'OTHER-NUMBER' },
          context({ commandId: 'c-2' }),
        ),
      ).rejects.toMatchObject({ code: 'COMMAND_ID_REUSED', field: 'commandId' });
      expect(await streamLength()).toBe(2);
    });

    it('is refused with COMMAND_ID_REUSED on another claim, appending nothing', async () => {
      await executor.execute('CLM-1001', submission, context({ commandId: 'c-1' }));
      await expect(
        executor.execute('CLM-2002', { ...submission, claimId: 'CLM-2002' }, context({ commandId: 'c-1' })),
      ).rejects.toMatchObject({ code: 'COMMAND_ID_REUSED' });
      expect(await streamLength('CLM-2002')).toBe(0);
    });
  });

  describe('expected version', () => {
    it('appends at the version the caller last read', async () => {
      await executor.execute('CLM-1001', submission, context());
      const result = await executor.execute('CLM-1001', acknowledgement, context({ expectedVersion: 0 }));
      expect(result.version).toBe(1);
    });

    it('refuses another version with VERSION_CONFLICT, appending nothing', async () => {
      await executor.execute('CLM-1001', submission, context());
      await expect(
        executor.execute('CLM-1001', acknowledgement, context({ expectedVersion: 3 })),
      ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
      expect(await streamLength()).toBe(1);
    });
  });

  describe('concurrent changes', () => {
    it('retries a lost race a bounded number of times, then reports VERSION_CONFLICT', async () => {
      await executor.execute('CLM-1001', submission, context());
      const racing: EventStore = Object.create(store);
      let appends = 0;
      racing.append = async (stream, events, options) => {
        appends++;
        const rival = {
          ...events[0]!,
          id: crypto.randomUUID(),
          metadata: { actor: 'rival', occurredAt: AT.followUp },
        };
        await store.append(stream, [rival], { expectedVersion: 'any' });
        return store.append(stream, events, options);
      };
      const losing = new ClaimCommandExecutor(racing, clock);
      await expect(
        losing.execute('CLM-1001', followUp, context({ occurredAt: AT.followUp })),
      ).rejects.toMatchObject({
        code: 'VERSION_CONFLICT',
      });
      expect(appends).toBe(6);
    });
  });

  describe('a stream the caller read already', () => {
    it('saves the read, and a stale one is a race retried on a fresh read, never a lost change', async () => {
      await executor.execute('CLM-1001', submission, context());
      const read = await store.readStream(claimStreamName('CLM-1001'));
      await executor.execute('CLM-1001', followUp, context({ occurredAt: AT.followUp }));
      const result = await executor.execute('CLM-1001', acknowledgement, context(), read);
      expect(result.version).toBe(2);
      const types = (await store.readStream(claimStreamName('CLM-1001'))).map((e) => e.type);
      expect(types).toEqual(['ClaimSubmitted', 'FollowUpLogged', 'ClaimAcknowledged']);
    });

    it('recognises its own command landed since the read, without calling it a reused id', async () => {
      await executor.execute('CLM-1001', submission, context());
      const read = await store.readStream(claimStreamName('CLM-1001'));
      const first = await executor.execute('CLM-1001', acknowledgement, context({ commandId: 'c-9' }));
      const again = await executor.execute('CLM-1001', acknowledgement, context({ commandId: 'c-9' }), read);
      expect(again).toEqual(first);
      expect(await streamLength()).toBe(2);
    });
  });

  describe('a submit, whose stream is new', () => {
    let reads: number;
    beforeEach(() => {
      reads = 0;
      const readStream = store.readStream.bind(store);
      store.readStream = (stream) => (reads++, readStream(stream));
    });

    it('appends without reading the stream first', async () => {
      const result = await executor.execute('CLM-1001', submission, context());
      expect(result.version).toBe(0);
      expect(reads).toBe(0);
    });

    it('reads it on the conflict and refuses a second claim under the same id, appending nothing', async () => {
      await executor.execute('CLM-1001', submission, context());
      await expect(executor.execute('CLM-1001', submission, context())).rejects.toMatchObject({
        code: 'CLAIM_ALREADY_EXISTS',
      });
      expect(reads).toBe(1);
      expect(await streamLength()).toBe(1);
    });

    it.each([
      ['a command id, which may have been used', { commandId: 'c-1' }],
      ['a version, which is checked against the stream', { expectedVersion: -1 }],
    ])('reads it first when the caller states %s', async (_label, stated) => {
      await executor.execute('CLM-1001', submission, context(stated));
      expect(reads).toBe(1);
    });
  });

  it('refuses a command on a claim that was never submitted with CLAIM_NOT_FOUND', async () => {
    await expect(executor.execute('CLM-404', acknowledgement, context())).rejects.toMatchObject({
      code: 'CLAIM_NOT_FOUND',
    });
  });
});

describe('the command observer', () => {
  const seen: [string, string, string][] = [];
  const observer: CommandObserver = {
    observe: (command, run) =>
      run().then(
        (result) => (seen.push([command.type, command.correlationId, 'accepted']), result),
        (error: unknown) => {
          seen.push([command.type, command.correlationId, commandOutcomeOf(error)]);
          throw error;
        },
      ),
  };

  beforeEach(() => (seen.length = 0));

  it('sees accepted, the refusal code, or error for what is not a ClaimError, with the correlation id', async () => {
    const store = new InMemoryEventStore(() => new Date(AT.acknowledged));
    const executor = new ClaimCommandExecutor(store, clock, observer);
    const context = { actor: 'biller', occurredAt: AT.submitted, correlationId: 'req-7' };
    await executor.execute('CLM-1001', submission, context);
    await expect(executor.execute('CLM-1001', submission, context)).rejects.toThrow();
    await expect(executor.execute('CLM-2002', acknowledgement, context)).rejects.toThrow();
    const lost = () => Promise.reject(new Error('connection lost'));
    const broken = new ClaimCommandExecutor(
      { readStream: lost, append: lost } as unknown as EventStore,
      clock,
      observer,
    );
    await expect(broken.execute('CLM-3003', submission, context)).rejects.toThrow('connection lost');
    expect(seen).toEqual([
      ['SubmitClaim', 'req-7', 'accepted'],
      ['SubmitClaim', 'req-7', 'CLAIM_ALREADY_EXISTS'],
      ['AcknowledgeClaim', 'req-7', 'CLAIM_NOT_FOUND'],
      ['SubmitClaim', 'req-7', 'error'],
    ]);
  });

  it('names the correlation id the events carry: the command id when the caller sent none', async () => {
    const store = new InMemoryEventStore(() => new Date(AT.acknowledged));
    const executor = new ClaimCommandExecutor(store, clock, observer);
    await executor.execute('CLM-1001', submission, {
      actor: 'biller',
      occurredAt: AT.submitted,
      commandId: 'c-5',
    });
    const [event] = await store.readStream(claimStreamName('CLM-1001'));
    expect(event!.metadata.correlationId).toBe('c-5');
    expect(seen).toEqual([['SubmitClaim', 'c-5', 'accepted']]);
  });

  it('nests several observers, the first outermost', async () => {
    const order: string[] = [];
    const named = (name: string): CommandObserver => ({
      observe: async (_command, run) => {
        order.push(`${name} in`);
        const result = await run();
        order.push(`${name} out`);
        return result;
      },
    });
    const store = new InMemoryEventStore(() => new Date(AT.acknowledged));
    const executor = new ClaimCommandExecutor(store, clock, observeCommands(named('a'), named('b')));
    await executor.execute('CLM-1001', submission, { actor: 'biller', occurredAt: AT.submitted });
    expect(order).toEqual(['a in', 'b in', 'b out', 'a out']);
  });
});
