import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Drains an HTTP server: stops listening, lets the requests it has taken finish, and ends each connection after its
 * response (Connection: close). server.close() alone answers later requests on a kept-alive connection as usual
 * and waits for each such connection to idle out before it reports closed.
 */
export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;
  private allAnswered: (() => void) | undefined;

  constructor(private readonly server: Server) {}

  /** Middleware, first in line: follows each request until its response is done or its connection gone. */
  readonly track = (_req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    this.inFlight.add(res);
    if (this.draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      this.inFlight.delete(res);
      if (!this.draining) return;
      // A response that had started before the drain went out without Connection: close; its connection is idle
      // once the response is done.
      setImmediate(() => this.server.closeIdleConnections());
      if (this.inFlight.size === 0) this.allAnswered?.();
    });
    next();
  };

  get requestsInFlight(): number {
    return this.inFlight.size;
  }

  /**
   * Stops accepting connections (Node closes the idle ones) and resolves once every request taken is answered and
   * every connection, WebSockets included, is closed.
   */
  async close(): Promise<void> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    if (this.inFlight.size > 0) await new Promise<void>((resolve) => (this.allAnswered = resolve));
    this.server.closeIdleConnections();
    await closed;
  }
}
