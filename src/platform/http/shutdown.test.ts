import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { drainOnClose, installShutdown } from './shutdown.ts';

/**
 * The shutdown's promise, proved without timing: a request whose bytes are already waiting in the server's
 * socket when the signal is handled is finished with its 2xx, and one sent after is refused cleanly. (The
 * load test in test/platform/shutdown.test.ts proves the same of the real process from outside, where a
 * client cannot know when its bytes were read.)
 */

/** Blocks this thread, as a busy server would, so that bytes written meanwhile wait unread in the socket. */
function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const request = (n: number) =>
  `POST /work HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${
    JSON.stringify({ n }).length
  }\r\n\r\n${JSON.stringify({ n })}`;

/** Reads whole responses off a socket, by Content-Length. */
function responses(socket: Socket): () => Promise<{ status: number; headers: string; body: string }> {
  let buffered = '';
  const waiting: Array<() => void> = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    for (const wake of waiting.splice(0)) wake();
  });
  socket.on('close', () => {
    for (const wake of waiting.splice(0)) wake();
  });
  return async function next() {
    for (;;) {
      const end = buffered.indexOf('\r\n\r\n');
      if (end >= 0) {
        const headers = buffered.slice(0, end);
        const length = Number(/content-length: (\d+)/i.exec(headers)?.[1] ?? 0);
        if (buffered.length >= end + 4 + length) {
          const body = buffered.slice(end + 4, end + 4 + length);
          buffered = buffered.slice(end + 4 + length);
          return { status: Number(headers.split(' ')[1]), headers, body };
        }
      }
      if (socket.destroyed) throw new Error(`connection closed with ${JSON.stringify(buffered)} unread`);
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
}

async function startServer() {
  const app = Fastify({ return503OnClosing: true });
  await app.register(drainOnClose({ quietMs: 100, capMs: 2_000, pollMs: 10 }));
  app.post('/work', async (req, reply) => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    return reply.code(201).send({ done: (req.body as { n: number }).n });
  });
  const signals = new EventEmitter();
  const printed: string[] = [];
  let exited: (code: number) => void = () => {};
  const exit = new Promise<number>((resolve) => {
    exited = resolve;
  });
  installShutdown({
    app,
    stopBackground: async () => {},
    closeDatabase: async () => {},
    deadlineMs: 10_000,
    print: (line) => printed.push(line),
    exit: (code) => exited(code),
    signals,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, signals, printed, exit, port };
}

const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

async function open(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

describe('graceful shutdown', () => {
  it('finishes a request still unread in a keep-alive socket when the signal is handled, then exits 0', async () => {
    const server = await startServer();
    const socket = await open(server.port);
    const next = responses(socket);
    socket.write(request(1));
    expect((await next()).status).toBe(201);

    // The client's next request is written while the server is busy; the signal is handled before the
    // server has read it.
    socket.write(request(2));
    blockFor(100);
    server.signals.emit('SIGTERM');

    const second = await next();
    expect(second.status).toBe(201);
    expect(JSON.parse(second.body)).toEqual({ done: 2 });
    expect(await server.exit).toBe(0);
    expect(server.printed[0]).toBe('Lantern is shutting down (SIGTERM): finishing 1 in-flight requests');
    expect(server.printed.at(-1)).toMatch(/^Lantern stopped: 1 in-flight requests finished/);
  });

  it('refuses a request sent after the signal with a clean 503 and Connection: close, applying nothing', async () => {
    const server = await startServer();
    const handled: number[] = [];
    server.app.server.on('request', (req) => handled.push(req.socket.remotePort ?? 0));
    const socket = await open(server.port);
    const next = responses(socket);
    server.signals.emit('SIGTERM');
    // Past the two turns the shutdown gives to what had already arrived.
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.write(request(3));
    const refused = await next();
    expect(refused.status).toBe(503);
    expect(refused.headers).toMatch(/connection: close/i);
    expect(await server.exit).toBe(0);
    expect(server.printed[0]).toBe('Lantern is shutting down (SIGTERM): finishing 0 in-flight requests');
  });

  it('treats a second signal (Ctrl-C reaches npm and node both) as the same request', async () => {
    const server = await startServer();
    server.signals.emit('SIGINT');
    server.signals.emit('SIGTERM');
    expect(await server.exit).toBe(0);
    expect(server.printed.filter((line) => line.startsWith('Lantern is shutting down'))).toEqual([
      'Lantern is shutting down (SIGINT): finishing 0 in-flight requests',
    ]);
  });
});
