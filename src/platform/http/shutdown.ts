/**
 * Graceful shutdown of the server process on SIGTERM or SIGINT: stop taking requests, finish every one
 * already in flight, stop the schedule and jobs, then close the database, so nothing acknowledged is cut
 * off and the embedded database is closed cleanly (property 30 of SECURITY.md).
 */
import type { Server } from 'node:http';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';

/**
 * Keeps listening for a short while after close() begins, until the clients have gone quiet. Closing the
 * listener at once destroys every idle keep-alive connection, and a client that has just written its next
 * request on one gets a reset without knowing whether the request was applied (10 of 10 clients under
 * load did). Meanwhile Fastify is already closing: each request arriving now, on an old or a new
 * connection, gets a clean 503 with `Connection: close`, so busy clients learn to stop. Once no request
 * is in flight and none has arrived for `quietMs`, or at `capMs`, the listener closes and so do the
 * connections still idle (a client's spare keep-alive connections, which it may never use again).
 */
export function drainOnClose(options: {
  quietMs: number;
  capMs: number;
  pollMs?: number;
}): FastifyPluginAsync {
  return async (app) => {
    let inFlight = 0;
    let lastArrival = 0;
    app.server.on('request', (_request, response) => {
      inFlight += 1;
      lastArrival = Date.now();
      response.once('close', () => {
        inFlight -= 1;
      });
    });
    app.addHook('preClose', async () => {
      const until = Date.now() + options.capMs;
      while (Date.now() < until) {
        if ((await openConnections(app.server)) === 0) return;
        if (inFlight === 0 && Date.now() - lastArrival >= options.quietMs) return;
        await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 25));
      }
    });
  };
}

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
}

/** Requests between their arrival and the end of their response, counted on the raw server. */
export function trackInFlight(server: Server): () => number {
  let inFlight = 0;
  server.on('request', (_request, response) => {
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
    });
  });
  return () => inFlight;
}

export interface ShutdownOptions {
  app: FastifyInstance;
  /** Stops the schedule and the job runner, waiting for work in progress. */
  stopBackground(): Promise<void>;
  closeDatabase(): Promise<void>;
  /** Past this, give up waiting and exit non-zero: the orchestrator would kill us anyway. */
  deadlineMs: number;
  print(line: string): void;
  exit(code: number): void;
  /** Where SIGTERM and SIGINT come from: the process, or a test's emitter. */
  signals?: Pick<NodeJS.EventEmitter, 'on'>;
}

/**
 * Lets the event loop poll its sockets twice. Bytes that had reached us when the signal came may belong
 * to a keep-alive connection (read in the next poll) or to a connection still in the listen backlog
 * (accepted in one poll, read in the one after): two turns take both in hand before Fastify starts to
 * refuse. (On PGlite, whose queries run synchronously, a request is handled within a single turn, so
 * the socket buffers are the only place one can be waiting.)
 */
async function readWhatHasArrived(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

export function installShutdown(options: ShutdownOptions): void {
  const inFlight = trackInFlight(options.app.server);
  let closing = false;
  const shutdown = async (signal: string) => {
    // A terminal's Ctrl-C reaches both npm and node, and npm forwards it too: the second signal is the same
    // request, not a demand to hurry.
    if (closing) return;
    closing = true;
    const started = Date.now();
    // Requests whose bytes had already reached us when the signal came are in flight too.
    await readWhatHasArrived();
    const pending = inFlight();
    options.print(`Lantern is shutting down (${signal}): finishing ${pending} in-flight requests`);
    const deadline = setTimeout(() => {
      options.print(
        `Lantern did not finish shutting down within ${options.deadlineMs} ms (${inFlight()} requests still in flight): exiting`,
      );
      options.exit(1);
    }, options.deadlineMs);
    deadline.unref();
    try {
      // app.close() answers every request from now on with a 503 and `Connection: close`, keeps listening
      // while clients go quiet (drainOnClose), then closes, resolving once every in-flight request has had
      // its response.
      await Promise.all([options.app.close(), options.stopBackground()]);
      await options.closeDatabase();
    } catch (error) {
      options.print(`Lantern failed to shut down cleanly: ${(error as Error).message}`);
      options.exit(1);
      return;
    }
    clearTimeout(deadline);
    options.print(
      `Lantern stopped: ${pending} in-flight requests finished, database closed (${Date.now() - started} ms)`,
    );
    options.exit(0);
  };
  const signals = options.signals ?? process;
  signals.on('SIGTERM', () => void shutdown('SIGTERM'));
  signals.on('SIGINT', () => void shutdown('SIGINT'));
}
