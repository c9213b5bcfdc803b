// Child processes the bench starts (build, seed, server), tracked so that Ctrl-C or a failure stops
// every one of them, and only them: each is ended by its own process id.
import { spawn } from 'node:child_process';
import { root } from '../lib/database.mjs';

const running = new Set();
const OUTPUT_TAIL_CHARS = 8_000;

function track(child, { detached }) {
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const entry = { child, detached };
  running.add(entry);
  child.once('exit', () => running.delete(entry));
  return { child, outputTail: () => output, entry };
}

/** Runs a command to completion with its output kept back (and shown only if it fails). */
export function runQuietly(command, args, { env }) {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const { outputTail } = track(child, { detached: false });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(outputTail());
      else reject(new Error(`${command.split('/').pop()} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${outputTail()}`));
    });
  });
}

/**
 * Starts a long-running command in a process group of its own, so stopping it also stops any worker
 * it forks (a server may), and a Ctrl-C meant for the bench reaches it only through stopAll.
 */
export function startInBackground(command, args, { env }) {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  return track(child, { detached: true });
}

function signalEntry({ child, detached }, signal) {
  try {
    // A negative id signals the child's own process group (it leads one when started detached).
    if (detached) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

/** Stops one child started here (and its process group): SIGTERM, then SIGKILL after a few seconds. */
export async function stopOne(handle) {
  await stopEntries([handle.entry]);
}

/** Stops every child still running: SIGTERM, then SIGKILL for any still there after a few seconds. */
export async function stopAll() {
  await stopEntries([...running]);
}

async function stopEntries(entries) {
  const exited = entries.map(({ child }) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve))));
  for (const entry of entries) signalEntry(entry, 'SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(resolve, 5_000, 'timeout'));
  if ((await Promise.race([Promise.all(exited), timeout])) === 'timeout') {
    for (const entry of entries) if (running.has(entry)) signalEntry(entry, 'SIGKILL');
  }
}
