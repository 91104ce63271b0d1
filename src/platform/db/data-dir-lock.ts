/**
 * One process at a time on an embedded data directory. PGlite takes no lock of its own: two processes on
 * one directory each run their own PostgreSQL over the same files, see only their own writes and corrupt
 * the directory between them. So before PGlite opens it, the process takes this lock.
 *
 * The lock is a file `lantern.lock.N` in the directory, created with O_EXCL, holding the holder's pid,
 * start time and the directory's real path. A lock whose holder has exited (or released it) is stale and is
 * taken over by creating generation N+1, again with O_EXCL: of several processes racing for the same stale
 * generation exactly one creates the next, so two cannot both win. The highest generation is never deleted
 * (only superseded, or marked released), so a process acting on an out-of-date view of the directory
 * finds a higher generation when it checks after creating its own, and backs off.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, join } from 'node:path';

const PREFIX = 'lantern.lock.';
const GENERATION = /^lantern\.lock\.(\d+)$/;
/** A lock file with unreadable content younger than this is being written by a starter; older, it is debris. */
const PARTIAL_WRITE_GRACE_MS = 5000;

export interface LockHolder {
  pid: number;
  /** When the holding process started (ISO 8601), for the message. */
  startedAt: string;
  /** The process's start time in clock ticks since boot (Linux /proc), to tell a reused pid apart. */
  procStart: string | null;
  /** What the holder was running (`main.js`, `lantern.mjs audit`), for the message. */
  command: string;
  /** The directory's real path: a lock copied with the directory (a restored dump) is not a live lock. */
  dataDir: string;
  state: 'held' | 'released';
}

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder
      ? `process ${holder.pid} (${holder.command}, started ${holder.startedAt})`
      : 'another process that is starting';
    super(
      `The data directory ${dataDir} is in use by ${who}. Only one process may open the embedded ` +
        'database at a time: stop that process first (to run several, use a PostgreSQL server via DATABASE_URL).',
    );
    this.name = 'DataDirectoryLockedError';
  }
}

export interface DataDirLock {
  /** The lock file this process created. */
  readonly file: string;
  /** Marks the lock released; safe to call more than once. */
  release(): void;
}

/** Real paths of the directories this process holds: a lock naming our own pid is live only if listed. */
const held = new Map<string, DataDirLock>();
let exitHookInstalled = false;

function procStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may itself contain spaces and parentheses): state is the first,
    // starttime the 20th (field 22 of proc(5)).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return 'exited';
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function isLive(holder: LockHolder, realDir: string): boolean {
  if (holder.state !== 'held' || holder.dataDir !== realDir) return false;
  // Our own pid: a previous run of a container restarted with the same pid left it, unless we hold it now.
  if (holder.pid === process.pid) return held.has(realDir);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user, so it is alive.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = procStartOf(holder.pid);
  if (start === 'exited') return false;
  // A pid reused by an unrelated process after a reboot or container restart has another start time.
  if (start !== null && holder.procStart !== null && start !== holder.procStart) return false;
  return true;
}

function generations(dir: string): number[] {
  return readdirSync(dir)
    .map((name) => GENERATION.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

type Reading = { kind: 'holder'; holder: LockHolder } | { kind: 'partial'; ageMs: number } | { kind: 'gone' };

function read(file: string): Reading {
  try {
    const text = readFileSync(file, 'utf8');
    try {
      const parsed = JSON.parse(text) as LockHolder;
      if (typeof parsed.pid === 'number' && typeof parsed.dataDir === 'string')
        return { kind: 'holder', holder: parsed };
    } catch {
      // fall through: written by a starter right now, or left half-written by a crash
    }
    return { kind: 'partial', ageMs: Date.now() - statSync(file).mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
}

function createExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone: another starter cleaned up first
  }
}

/**
 * Takes the directory's lock or throws DataDirectoryLockedError naming the holder. The directory must
 * exist. The lock is released by `release()` and, failing that, when the process exits.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const realDir = realpathSync(dataDir);
  const me: LockHolder = {
    pid: process.pid,
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    procStart: procStartOf(process.pid),
    command: process.argv
      .slice(1, 3)
      .map((arg, i) => (i === 0 ? basename(arg) : arg))
      .join(' '),
    dataDir: realDir,
    state: 'held',
  };
  // Each round either wins, throws, or sees the directory move on (a racer created a generation): the bound
  // only stops a pathological livelock.
  for (let round = 0; round < 50; round++) {
    const top = generations(realDir).at(-1) ?? 0;
    if (top > 0) {
      const current = read(join(realDir, `${PREFIX}${top}`));
      if (current.kind === 'gone') continue;
      if (current.kind === 'partial' && current.ageMs < PARTIAL_WRITE_GRACE_MS)
        throw new DataDirectoryLockedError(dataDir, null);
      if (current.kind === 'holder' && isLive(current.holder, realDir))
        throw new DataDirectoryLockedError(dataDir, current.holder);
    }
    const generation = top + 1;
    const file = join(realDir, `${PREFIX}${generation}`);
    if (!createExclusive(file, JSON.stringify(me))) continue;
    // A generation above ours means our view was out of date (ours had been cleaned up already): back off.
    if (generations(realDir).some((g) => g > generation)) {
      unlinkQuietly(file);
      continue;
    }
    for (const g of generations(realDir)) if (g < generation) unlinkQuietly(join(realDir, `${PREFIX}${g}`));
    const lock = heldLock(realDir, file, me);
    held.set(realDir, lock);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      // Release on any exit Node gets to run (process.exit, end of work); a kill -9 leaves a stale lock.
      process.on('exit', () => {
        for (const l of held.values()) l.release();
      });
    }
    return lock;
  }
  throw new DataDirectoryLockedError(dataDir, null);
}

function heldLock(realDir: string, file: string, me: LockHolder): DataDirLock {
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      held.delete(realDir);
      // Marked released (atomically, by rename) rather than deleted: the highest generation must stay.
      const temp = `${file}.released-${process.pid}`;
      try {
        writeFileSyncDurable(temp, JSON.stringify({ ...me, state: 'released' }));
        renameSync(temp, file);
      } catch {
        // The directory is gone (a test removed it): nothing left to release.
        unlinkQuietly(temp);
      }
    },
  };
}

function writeFileSyncDurable(file: string, content: string): void {
  const fd = openSync(file, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
