import type pg from 'pg';

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * COPY ... FROM STDIN through the plain pg client (no extra dependency): a Submittable that answers the server's
 * CopyInResponse with the whole payload in one chunk.
 */
class CopyIn {
  private error: unknown;
  constructor(
    private readonly text: string,
    private readonly payload: string,
    private readonly done: (error?: unknown) => void,
  ) {}
  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: CopyConnection): void {
    connection.sendCopyFromChunk(Buffer.from(this.payload));
    connection.endCopyFrom();
  }
  handleCommandComplete(): void {}
  handleError(error: unknown): void {
    this.error = error;
  }
  handleReadyForQuery(): void {
    this.done(this.error);
  }
}

/** Escapes one value for COPY's text format. */
export const copyText = (value: string | number): string =>
  String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

export function copyIn(
  client: pg.PoolClient,
  text: string,
  rows: readonly (string | number)[][],
): Promise<void> {
  const payload = rows.map((row) => row.map(copyText).join('\t')).join('\n') + '\n';
  return new Promise((resolve, reject) => {
    client.query(new CopyIn(text, payload, (error) => (error ? reject(error) : resolve())) as never);
  });
}
