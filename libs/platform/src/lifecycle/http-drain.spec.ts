import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { HttpDrain } from './http-drain.js';

const BODY = '{"hello":"world"}';
const HEAD = `POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\n\r\n`;

interface EchoServer {
  server: Server;
  drain: HttpDrain;
  port: number;
  /** Settles when the first request arrives. */
  taken: Promise<void>;
  /** 'answered' as each response is sent. */
  events: string[];
}

/** A server that echoes each request's body once it has arrived, behind the drain's middleware. */
async function echoServer(): Promise<EchoServer> {
  let taken!: () => void;
  const tookOne = new Promise<void>((resolve) => (taken = resolve));
  const events: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    taken();
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => res.end(body, () => events.push('answered')));
  };
  const server = createServer((req, res) => drain.track(req, res, () => handler(req, res)));
  const drain = new HttpDrain(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, drain, port: (server.address() as AddressInfo).port, taken: tookOne, events };
}

async function open(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return socket;
}

/** Everything the server sends until it closes the connection. */
function received(socket: Socket): Promise<string> {
  let text = '';
  socket.on('data', (chunk) => (text += chunk));
  return new Promise((resolve) => socket.once('close', () => resolve(text)));
}

describe('HttpDrain', () => {
  it('lets a request taken before the drain finish, closes its connection after the answer, then reports closed', async () => {
    const { drain, port, taken, events } = await echoServer();
    const socket = await open(port);
    const answer = received(socket);
    socket.write(HEAD);
    await taken;
    const closed = drain.close().then(() => events.push('closed'));
    socket.write(BODY);
    const response = await answer;
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response).toMatch(/\r\nConnection: close\r\n/i);
    expect(response.endsWith(BODY)).toBe(true);
    expect(events).toEqual(['answered', 'closed']);
  });

  it('takes no new connection once draining', async () => {
    const { drain, port, taken } = await echoServer();
    const socket = await open(port);
    socket.write(HEAD);
    await taken;
    const closed = drain.close();
    await expect(open(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    socket.end(BODY);
    await closed;
  });

  it('closes kept-alive idle connections instead of waiting for them to idle out', async () => {
    const { server, drain, port } = await echoServer();
    server.keepAliveTimeout = 600_000;
    const socket = await open(port);
    const answer = received(socket);
    let first = '';
    await new Promise<void>((resolve) => {
      socket.on('data', (chunk) => {
        first += chunk;
        if (first.endsWith(BODY)) resolve();
      });
      socket.write(HEAD + BODY);
    });
    expect(first).toMatch(/\r\nConnection: keep-alive\r\n/i);
    await drain.close();
    expect(await answer).toBe(first);
  });

  it('answers a request that arrives on an open connection during the drain with Connection: close', async () => {
    const { drain, port } = await echoServer();
    const socket = await open(port);
    const answer = received(socket);
    // Begun but not complete: the connection is not idle, so the drain does not close it.
    socket.write('POST / HTTP/1.1\r\n');
    await new Promise((resolve) => setImmediate(resolve));
    const closed = drain.close();
    socket.write(HEAD.slice('POST / HTTP/1.1\r\n'.length) + BODY);
    const response = await answer;
    await closed;
    expect(response).toMatch(/\r\nConnection: close\r\n/i);
    expect(response.endsWith(BODY)).toBe(true);
  });
});
