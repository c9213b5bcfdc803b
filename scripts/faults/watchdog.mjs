// A safety net for the fault-injection tests (tests/faults): if the test process dies without cleaning
// up (killed, crashed), stop what it started: its private PostgreSQL and its production server. Started
// detached by tests/faults/support/processes.ts with one JSON argument:
//   { parentPid, processGroups?: number[], postgres?: { pgCtl, dataDir, asPostgres }, removeDir? }
// It exits by itself once everything it watches is gone (the test cleaned up normally).
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

const spec = JSON.parse(process.argv[2] ?? '{}');
const POLL_MS = 1_000;

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function hasWork() {
  const groups = (spec.processGroups ?? []).some((pgid) => isAlive(-pgid));
  const dir = spec.removeDir ? existsSync(spec.removeDir) : false;
  return groups || dir;
}

function cleanUp() {
  for (const pgid of spec.processGroups ?? []) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (spec.postgres && existsSync(spec.postgres.dataDir)) {
    const { pgCtl, dataDir, asPostgres } = spec.postgres;
    const [command, args] = asPostgres ? ['runuser', ['-u', 'postgres', '--', pgCtl]] : [pgCtl, []];
    try {
      execFileSync(command, [...args, 'stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '20'], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      // not running
    }
  }
  if (spec.removeDir) rmSync(spec.removeDir, { recursive: true, force: true });
}

const timer = setInterval(() => {
  if (!hasWork()) {
    clearInterval(timer);
    return;
  }
  if (!isAlive(spec.parentPid)) {
    clearInterval(timer);
    cleanUp();
  }
}, POLL_MS);
