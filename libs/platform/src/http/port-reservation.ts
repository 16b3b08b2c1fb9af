import { createServer, type Server } from 'node:net';

export class ListenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListenError';
  }
}

export interface PortReservation {
  /** The reserved port: the one asked for, or the one the system chose for port 0. */
  port: number;
  release(): Promise<void>;
}

/** What went wrong when listening failed, with the address, in words for whoever starts the API. */
export function listenErrorMessage(code: string | undefined, host: string, port: number): string {
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE')
    return `Cannot listen on ${where}: port ${port} on ${host} is already in use. Stop the process that holds it, or set PORT (and HOST) to a free address.`;
  if (code === 'EACCES')
    return `Cannot listen on ${where}: permission denied for port ${port}. Use a port above 1023, or set PORT.`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return `Cannot listen on ${where}: ${host} is not an address of this machine. Set HOST, e.g. 127.0.0.1 or 0.0.0.0.`;
  return `Cannot listen on ${where}${code ? ` (${code})` : ''}.`;
}

/**
 * Takes the address before the application boots, so that a second instance fails at once, before it opens the
 * database or logs that it started. The caller releases it just before the application listens there.
 */
export function reservePort(port: number, host: string): Promise<PortReservation> {
  return new Promise((resolve, reject) => {
    // A client that connects while the application boots is turned away at once: a connection held open here
    // would keep close() from returning, and the application from ever listening.
    const server: Server = createServer((socket) => socket.destroy());
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ListenError(listenErrorMessage(error.code, host, port))),
    );
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      let released: Promise<void> | undefined;
      resolve({
        port: typeof address === 'object' && address ? address.port : port,
        release: () => (released ??= new Promise<void>((done) => server.close(() => done()))),
      });
    });
  });
}
