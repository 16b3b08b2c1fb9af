import { Inject, Injectable } from '@nestjs/common';
import { ReadModelLaggingError, RequestValidationError } from '../errors/api-errors.js';

/** How far the read models have got; the projection runtime implements it. */
export interface ProjectionPositions {
  /** Whether a client's text is a position of this log at all. */
  isPosition(value: string): boolean;
  /** True once every named projection has applied the log up to position; false when the time runs out first. */
  waitUntil(projections: readonly string[], position: string, timeoutMs: number): Promise<boolean>;
}

export const PROJECTION_POSITIONS = Symbol('PROJECTION_POSITIONS');
export const READ_YOUR_WRITES_TIMEOUT_MS = Symbol('READ_YOUR_WRITES_TIMEOUT_MS');

/** Lets a query wait, a bounded time, until the projections it reads have applied a command's position. */
@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(PROJECTION_POSITIONS) private readonly positions: ProjectionPositions,
    @Inject(READ_YOUR_WRITES_TIMEOUT_MS) private readonly maxWaitMs: number,
  ) {}

  /** The client's atLeastPosition, refused with a coded error unless a command returned it; undefined when absent. */
  checked(position: string | undefined | null): string | undefined {
    if (position === undefined || position === null) return undefined;
    if (!this.positions.isPosition(position)) {
      throw new RequestValidationError([
        { field: 'atLeastPosition', message: 'atLeastPosition must be a position returned by a command' },
      ]);
    }
    return position;
  }

  async waitFor(projections: readonly string[], atLeastPosition: string | undefined | null): Promise<void> {
    const position = this.checked(atLeastPosition);
    if (position === undefined) return;
    if (!(await this.positions.waitUntil(projections, position, this.maxWaitMs))) {
      throw new ReadModelLaggingError(position, this.maxWaitMs);
    }
  }
}
