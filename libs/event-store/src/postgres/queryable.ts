import type pg from 'pg';

/** A pool, or one client when appends must join the caller's transaction. */
export type Queryable = Pick<pg.ClientBase, 'query'>;
