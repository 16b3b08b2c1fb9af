import { Inject, Injectable } from '@nestjs/common';
import { comparePositions, type Position } from '@claimtrail/event-store';
import { CLOCK, type Clock } from '@claimtrail/platform';
import type { ExistingClaim } from '../domain/index.js';

/** A claim as one of this process's commands left it: the state folded from its stream and the new events. */
export interface RecentClaim {
  state: ExistingClaim;
  version: number;
  /** The position of the command's last event. */
  position: Position;
}

interface Held extends RecentClaim {
  recordedAt: number;
}

/** Enough for every command in flight under load; a remittance import's burst only pushes its oldest out. */
const CAPACITY = 2_000;
/** Past this, a read waits for the read model as before: it may hold later commands from other processes. */
const MAX_AGE_MS = 10_000;

/**
 * Claims as this process's own commands just left them, held only until the claim read model has applied them
 * (ADR 0014): a read of that claim at the command's position is answered from here instead of waiting for the
 * projection's commit. What is held is the state the command was decided on plus its own events, folded with the
 * domain's evolve as the projection folds them, so both give the same claim.
 */
@Injectable()
export class RecentClaims {
  /** In insertion order, which is nearly log order: the oldest go first. */
  private readonly claims = new Map<string, Held>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  record(claimId: string, claim: RecentClaim): void {
    const held = this.claims.get(claimId);
    if (held && comparePositions(held.position, claim.position) >= 0) return;
    this.claims.delete(claimId);
    this.claims.set(claimId, { ...claim, recordedAt: this.clock.now().getTime() });
    if (this.claims.size > CAPACITY) this.claims.delete(this.claims.keys().next().value!);
  }

  /**
   * The claim at or after atLeast, when a command here left it there and the read model, as far as this process
   * knows, has not applied atLeast yet; otherwise the read model is the answer.
   */
  find(claimId: string, atLeast: Position, applied: Position | undefined): RecentClaim | undefined {
    this.forget(applied);
    if (comparePositions(applied, atLeast) >= 0) return undefined;
    const held = this.claims.get(claimId);
    if (!held || comparePositions(held.position, atLeast) < 0) return undefined;
    if (this.clock.now().getTime() - held.recordedAt > MAX_AGE_MS) return undefined;
    return { state: held.state, version: held.version, position: held.position };
  }

  /** Drops the oldest while the read model has them: the table answers for those now. */
  private forget(applied: Position | undefined): void {
    for (const [claimId, held] of this.claims) {
      if (comparePositions(held.position, applied) > 0) return;
      this.claims.delete(claimId);
    }
  }
}
