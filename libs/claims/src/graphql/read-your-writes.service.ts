import { Inject, Injectable } from '@nestjs/common';
import { isPosition } from '@claimtrail/event-store';
import { CheckpointStore } from '@claimtrail/projections';
import { ReadModelLaggingError, RequestValidationError } from './errors/api-errors.js';

export const READ_YOUR_WRITES_TIMEOUT_MS = Symbol('READ_YOUR_WRITES_TIMEOUT_MS');

/** Lets a query wait, a bounded time, until the projections it reads have applied a command's position. */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly checkpoints: CheckpointStore,
    @Inject(READ_YOUR_WRITES_TIMEOUT_MS) private readonly maxWaitMs: number,
  ) {}

  async waitFor(projections: readonly string[], position: string | undefined | null): Promise<void> {
    if (position === undefined || position === null) return;
    if (!isPosition(position)) {
      throw new RequestValidationError([
        { field: 'atLeastPosition', message: 'atLeastPosition must be a position returned by a command' },
      ]);
    }
    if (!(await this.checkpoints.waitUntil(projections, position, this.maxWaitMs))) {
      throw new ReadModelLaggingError(position, this.maxWaitMs);
    }
  }
}
