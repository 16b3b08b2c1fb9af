import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@claimtrail/event-store';
import { CLOCK, NotFoundError, RequestValidationError, type Clock } from '@claimtrail/platform';
import { claimStreamName, type ClaimState } from '../domain/index.js';
import { fold } from './claim-command.executor.js';
import { claimAsOf, historyPage, type HistoryPage, type TimeAxis } from './claim-replay.js';

export const DEFAULT_HISTORY_PAGE = 100;
export const MAX_HISTORY_PAGE = 500;

const VERSION_CURSOR = /^(0|[1-9]\d{0,8})$/;

/** The claim as it stood at some point, and the version of the last event that went into it (-1: none). */
export interface ClaimAtPoint {
  state: ClaimState;
  version: number;
}

/** What auditors read from a claim's own stream: its history page by page, and its state at any past point. */
@Injectable()
export class ClaimAuditQueries {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Events after the version `after` (a cursor); upcasting needs the claim before each event, so the fold starts at 0. */
  async history(claimId: string, first: number | undefined, after: string | undefined): Promise<HistoryPage> {
    if (first !== undefined && (!Number.isInteger(first) || first < 1 || first > MAX_HISTORY_PAGE))
      throw invalid('first', `first must be from 1 to ${MAX_HISTORY_PAGE}`);
    if (after !== undefined && !VERSION_CURSOR.test(after))
      throw invalid('after', 'after must be a cursor (an event version) from this history');
    const fromVersion = after === undefined ? 0 : Number(after) + 1;
    const toVersion = first === undefined ? undefined : fromVersion + first;
    const events = await this.stream(claimId, toVersion);
    return historyPage(events, fromVersion, first);
  }

  async asOf(claimId: string, at: Date, axis: TimeAxis): Promise<ClaimAtPoint> {
    if (Number.isNaN(at.getTime())) throw invalid('at', 'at must be an ISO-8601 date and time');
    if (at.getTime() > this.clock.now().getTime()) throw invalid('at', 'at must not be in the future');
    return claimAsOf(await this.stream(claimId), at.toISOString(), axis);
  }

  async atVersion(claimId: string, version: number): Promise<ClaimAtPoint> {
    const events = await this.stream(claimId);
    const last = events.length - 1;
    if (!Number.isInteger(version) || version < 0 || version > last)
      throw invalid('version', `version must be from 0 to ${last}, the claim's latest version`);
    return { state: fold(events.slice(0, version + 1)), version };
  }

  /** The stream, up to toVersion; an unknown claim is NOT_FOUND rather than an empty history. */
  private async stream(claimId: string, toVersion?: number): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(claimStreamName(claimId), { toVersion });
    if (events.length === 0) throw new NotFoundError('Claim');
    return events;
  }
}

const invalid = (field: string, message: string) => new RequestValidationError([{ field, message }]);
