import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { identityOf, loggableError, RequestValidationError } from '@claimtrail/platform';
import { GraphQLError } from 'graphql';
import { PhiAccessLog } from './phi-access-log.service.js';
import { takePhiReads } from './phi-reads.js';

interface RequestContext {
  req?: IncomingMessage & { id?: unknown };
}

/**
 * Writes the PHI reads of each GraphQL request in one INSERT before the answer leaves. Fails closed: when the reads
 * cannot be recorded, the client gets an error instead of the data.
 */
@Plugin()
export class PhiAccessPlugin implements ApolloServerPlugin<RequestContext> {
  private readonly logger = new Logger(PhiAccessPlugin.name);

  constructor(private readonly log: PhiAccessLog) {}

  async requestDidStart(): Promise<GraphQLRequestListener<RequestContext>> {
    return {
      willSendResponse: async ({ contextValue, response, operationName }) => {
        const reads = takePhiReads(contextValue);
        if (reads.length === 0 || response.body.kind !== 'single') return;
        try {
          const req = contextValue.req;
          await this.log.record(
            {
              actor: identityOf(contextValue).actor,
              channel: 'graphql',
              operationName: operationName ?? undefined,
              requestId: req?.id === undefined ? undefined : String(req.id),
            },
            reads,
          );
        } catch (error) {
          response.body.singleResult.data = null;
          response.body.singleResult.errors = [this.refusal(error).toJSON()];
        }
      },
    };
  }

  private refusal(error: unknown): GraphQLError {
    if (error instanceof RequestValidationError) {
      const field = error.problems[0]?.field;
      return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', field } });
    }
    this.logger.error({ error: loggableError(error) }, 'Could not write the PHI access log');
    return new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}
