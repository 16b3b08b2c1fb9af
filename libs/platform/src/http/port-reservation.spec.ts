import { connect, createServer, type AddressInfo } from 'node:net';
import { ListenError, reservePort } from './port-reservation.js';

describe('reservePort', () => {
  it('names the port and host when the address is taken', async () => {
    const reservation = await reservePort(0, '127.0.0.1');
    try {
      await expect(reservePort(reservation.port, '127.0.0.1')).rejects.toThrow(
        new ListenError(
          `Cannot listen on 127.0.0.1:${reservation.port}: port ${reservation.port} on 127.0.0.1 is already in use. Stop the process that holds it, or set PORT (and HOST) to a free address.`,
        ),
      );
    } finally {
      await reservation.release();
    }
  });

  it('turns away a client that connects during boot, so that releasing never waits for it', async () => {
    const reservation = await reservePort(0, '127.0.0.1');
    const client = connect(reservation.port, '127.0.0.1');
    await new Promise((resolve) => client.once('close', resolve));
    await reservation.release();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(reservation.port, '127.0.0.1', resolve));
    expect((server.address() as AddressInfo).port).toBe(reservation.port);
    await new Promise((resolve) => server.close(resolve));
  });
});
