export const CLAIM_STREAM_PREFIX = 'claim-';

export const claimStreamName = (claimId: string): string => `${CLAIM_STREAM_PREFIX}${claimId}`;

export const claimIdOfStream = (streamName: string): string | undefined =>
  streamName.startsWith(CLAIM_STREAM_PREFIX) ? streamName.slice(CLAIM_STREAM_PREFIX.length) : undefined;
