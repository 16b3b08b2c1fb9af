import { Catch, HttpException, InternalServerErrorException, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import type { Response } from 'express';

/**
 * Nest's own handlers log an unexpected error's message, and a driver's message can quote row values. Here a
 * resolver's error goes on untouched to formatGraphQLError, and a route's is answered with a bare 500; either way
 * the request's log line reports it once, with its class and stack but not its message.
 */
@Catch()
export class UnexpectedErrorFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    const error = exception instanceof Error ? exception : new Error('A non-error value was thrown');
    // graphql-js throws an Error a resolver returns, so Apollo sees the original error.
    if (host.getType<GqlContextType>() === 'graphql') return error;
    if (exception instanceof HttpException) return super.catch(exception, host);
    host.switchToHttp().getResponse<Response & { err?: Error }>().err = error;
    return super.catch(new InternalServerErrorException(), host);
  }
}
