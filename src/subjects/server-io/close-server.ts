import type { Server, Socket } from 'node:net';
import { nextTurn } from '../../scheduler/real-time.js';

/**
 * Closes a server and every connection it still has, resolving only when
 * each socket has emitted `close` and the listening handle is gone: a
 * destroyed socket keeps its handle until then, and the next run (or a
 * handle count) must not see it.
 */
export async function closeServer(server: Server, sockets: Iterable<Socket>): Promise<void> {
  const closing = [...sockets].map(closeSocket);
  if (server.listening) closing.push(new Promise((resolve) => server.close(() => resolve())));
  await Promise.all(closing);
  // 'close' is emitted before libuv has freed the listening handle; one more
  // turn of the loop and it is gone, so a handle count taken now is exact.
  await nextTurn();
}

/** The server's open connections, kept up to date, for {@link closeServer}. */
export function trackConnections(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

/** Destroys a socket and resolves once its handle is released. */
export function closeSocket(socket: Socket): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.destroy();
  });
}

/** Starts listening on 127.0.0.1 on a free port; resolves with the port. */
export function listenLocal(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}
