import type { FieldMiddleware } from '@nestjs/graphql';
import { notePhiRead, rootFieldOf } from './phi-reads.js';

/**
 * On a claim's patient-identifying fields: notes, for the request's PHI access log, that this field of this claim
 * was read and under which root field. The parent must carry the claim's `id`.
 */
export const phiField: FieldMiddleware = async (ctx, next) => {
  const value: unknown = await next();
  const claimId = (ctx.source as { id?: unknown } | undefined)?.id;
  if (value !== null && value !== undefined && typeof claimId === 'string' && ctx.context && ctx.info) {
    notePhiRead(ctx.context as object, {
      claimId,
      operation: rootFieldOf(ctx.info),
      fields: [ctx.info.fieldName],
    });
  }
  return value;
};
