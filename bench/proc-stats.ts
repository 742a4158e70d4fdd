import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** Fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(text: string): string[] {
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** User+system CPU seconds a live process has used so far, or undefined when it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = statFields(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** CPU seconds of the children a process has waited for (cutime + cstime), from a /proc/<pid>/stat line. */
export function waitedChildrenCpuSeconds(statLine: string): number {
  const fields = statFields(statLine);
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

/** Peak resident set size (VmHWM) of a live process, in MiB. */
export function peakRssMiB(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's CPU time every `intervalMs` until it exits; the last sample stands for its total. */
export function sampleCpu(pid: number, intervalMs = 50): { stop: () => number } {
  let last = cpuSeconds(pid) ?? 0;
  const timer = setInterval(() => {
    const now = cpuSeconds(pid);
    if (now !== undefined) last = now;
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      const now = cpuSeconds(pid);
      if (now !== undefined) last = now;
      return last;
    },
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
