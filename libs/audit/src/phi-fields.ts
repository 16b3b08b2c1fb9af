import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { ForbiddenError, mayReadPhi, PHI_ROLES, type AuthContext } from '@claimtrail/platform';
import { notePhiRead, rootFieldOf } from './phi-reads.js';

/** Marks a field of an object type as patient data: `@Extensions(PHI_FIELD)`. Its parent must carry `id`. */
export const PHI_FIELD = { phi: true } as const;

/**
 * Wraps the resolver of every field marked PHI_FIELD so that only the roles that may see patient data read it
 * (whatever operation reaches the field), and so that resolving it notes, for the request's PHI access log,
 * which claim's field was read under which root field. Synchronous on purpose: Nest's field middleware is always
 * async, and one promise per field of a 200-claim page forces graphql-js off its synchronous path for the page.
 */
export function recordPhiFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.extensions?.phi !== true) continue;
      const resolve: GraphQLFieldResolver<unknown, object> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: AuthContext, info) => {
        if (!mayReadPhi(context?.principal))
          throw new ForbiddenError(`${info.parentType.name}.${info.fieldName}`, PHI_ROLES);
        const value: unknown = resolve(source, args, context, info);
        const note = (resolved: unknown) => {
          const claimId = (source as { id?: unknown } | undefined)?.id;
          if (resolved !== null && resolved !== undefined && typeof claimId === 'string' && context)
            notePhiRead(context, { claimId, operation: rootFieldOf(info), fields: [info.fieldName] });
          return resolved;
        };
        return value instanceof Promise ? value.then(note) : note(value);
      };
    }
  }
  return schema;
}
