/**
 * A TCP port nobody listens on right now, from the operating system: benchmarks start
 * servers on a machine other engineers share, where a fixed port may already be taken.
 */
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
