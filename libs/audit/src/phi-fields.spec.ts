import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { ROLES, type AuthContext, type Role } from '@claimtrail/platform';
import { PHI_FIELD, recordPhiFields } from './phi-fields.js';
import { takePhiReads } from './phi-reads.js';

const claim = new GraphQLObjectType({
  name: 'Claim',
  fields: {
    id: { type: GraphQLString },
    payerId: { type: GraphQLString },
    patientRef: { type: GraphQLString, extensions: PHI_FIELD },
  },
});
const schema = recordPhiFields(
  new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        claim: { type: claim, resolve: () => ({ id: 'CLM-1', payerId: 'MCRTX', patientRef: 'PT-1' }) },
      },
    }),
  }),
);

const as = (...roles: Role[]): AuthContext => ({ principal: { actor: 'someone', roles: new Set(roles) } });

describe('patient fields', () => {
  it.each(ROLES)(
    'answer %s only if that role may read patient data, whatever operation reaches them',
    async (role) => {
      const context = as(role);
      const result = await graphql({
        schema,
        source: '{ claim { id payerId patientRef } }',
        contextValue: context,
      });
      const reads = takePhiReads(context);
      if (['biller', 'follow-up', 'auditor'].includes(role)) {
        expect(result).toEqual({ data: { claim: { id: 'CLM-1', payerId: 'MCRTX', patientRef: 'PT-1' } } });
        expect(reads).toEqual([{ claimId: 'CLM-1', operation: 'claim', fields: ['patientRef'] }]);
      } else {
        // The rest of the claim still answers; the field does not, and nothing was read.
        expect(result.data).toEqual({ claim: { id: 'CLM-1', payerId: 'MCRTX', patientRef: null } });
        expect(result.errors?.map((e) => [e.path, e.originalError?.name])).toEqual([
          [['claim', 'patientRef'], 'ForbiddenError'],
        ]);
        expect(reads).toEqual([]);
      }
    },
  );

  it('answer nobody without a verified principal', async () => {
    const result = await graphql({ schema, source: '{ claim { patientRef } }', contextValue: {} });
    expect(result.errors?.[0]?.originalError?.name).toBe('ForbiddenError');
  });
});
