import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StateLayout } from './layout';

/** Records a process id. */
export function writePid(file: string, pid: number): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${pid}\n`);
}

/** The pid in a pid file, if the file exists and the process is alive. */
export function livePid(file: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  } catch {
    return undefined;
  }
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/** True when a process with this pid exists and is not a zombie (exited, not yet reaped). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/**
 * Stops the process of a pid file: SIGTERM, then SIGKILL after `graceMs`; removes the file.
 * Only the recorded pid is signalled.
 */
export async function stopPidFile(file: string, graceMs = 5000): Promise<boolean> {
  const pid = livePid(file);
  if (pid === undefined) {
    rmSync(file, { force: true });
    return false;
  }
  await stopPid(pid, graceMs);
  rmSync(file, { force: true });
  return true;
}

/** SIGTERM, wait up to `graceMs` for the exit, then SIGKILL. */
export async function stopPid(pid: number, graceMs = 5000): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** The pid files in the state directory's run/ folder whose names start with `prefix`. */
export function pidFilesWithPrefix(layout: StateLayout, prefix: string): string[] {
  try {
    return readdirSync(layout.runDir)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.pid'))
      .map((f) => join(layout.runDir, f));
  } catch {
    return [];
  }
}

/**
 * Starts a Node script as a background process that outlives the caller, its output appended to
 * `logs/<name>.log` and its pid in `run/<name>.pid`; returns the pid.
 */
export function spawnBackground(layout: StateLayout, name: string, args: readonly string[]): number {
  mkdirSync(layout.logDir, { recursive: true });
  const out = openSync(layout.logFile(name), 'a');
  const child = spawn(process.execPath, [...args], { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  const pid = child.pid ?? 0;
  writePid(layout.pidFile(name), pid);
  return pid;
}
