import { errorMapping } from '@claimtrail/platform';
import { ProjectionRebuildError } from './projection-rebuilder.js';

export const projectionErrorMapping = errorMapping({
  errorClass: ProjectionRebuildError,
  reasonOf: (error) => error.reason,
  codes: { UNKNOWN_PROJECTION: 'BAD_USER_INPUT', REBUILD_IN_PROGRESS: 'CONFLICT' },
  meanings: {
    UNKNOWN_PROJECTION: 'No projection by that name; `projections` lists them.',
    REBUILD_IN_PROGRESS: 'That projection is already being rebuilt; follow it in `projections`.',
  },
  fieldOf: (error) => (error.reason === 'UNKNOWN_PROJECTION' ? 'name' : undefined),
});
