import type { Provider } from '@nestjs/common';
import type { MixedList } from 'typeorm';
import type { Projection } from './projection.js';

type Class = abstract new (...args: never[]) => unknown;

/**
 * One read model, kept in one folder: the tables it owns (entities and their migrations), the projection that fills
 * them, and the providers (queries, resolvers) that serve it. The composition root collects a list of these, so
 * adding a read model touches its folder and one line of that list.
 */
export interface ReadModel {
  readonly name: string;
  readonly entities: MixedList<Class>;
  readonly migrations: MixedList<Class>;
  readonly projection: Projection;
  readonly providers: readonly Provider[];
}
