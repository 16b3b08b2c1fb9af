import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A rebuild under way: fresh tables being filled beside the live ones.' })
export class ProjectionRebuildState {
  @Field({ description: 'When the rebuild started (ISO-8601).' })
  startedAt!: string;

  @Field(() => Float, { description: 'Events replayed into the fresh tables so far.' })
  eventsApplied!: number;

  @Field(() => Float, {
    description: 'Events the live projection had applied when the rebuild started: the size of the job.',
  })
  eventsExpected!: number;
}

@ObjectType({
  description: 'One projection (the writer of a read model) and how far behind the event log it is.',
})
export class ProjectionState {
  @Field()
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The log position of the last event applied; null before the first.',
  })
  position!: string | null;

  @Field({ description: 'True when every event in the log up to its head has been applied.' })
  caughtUp!: boolean;

  @Field(() => Float, {
    description:
      'Seconds since the oldest event not yet applied was recorded (0 when caught up): how stale the read model may be.',
  })
  lagSeconds!: number;

  @Field(() => Float, { description: 'Events applied since the projection was created or last rebuilt.' })
  eventsApplied!: number;

  @Field(() => Int, {
    description:
      'Claims whose events failed to apply and are held back (see the CLI: projections quarantine).',
  })
  quarantinedStreams!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The class of the error the last batch failed with, while it is retried; null when healthy.',
  })
  lastError!: string | null;

  @Field(() => ProjectionRebuildState, { nullable: true })
  rebuild!: ProjectionRebuildState | null;
}
