import { readdirSync, readFileSync } from 'node:fs';

export interface TreeMemory {
  /** Peak of the summed resident set sizes of the tree, MiB (shared pages counted once per process). */
  readonly peakRssMiB: number;
  /** Peak of the summed proportional set sizes, MiB (shared pages split between their processes). */
  readonly peakPssMiB: number;
  /** Most processes alive in the tree at one sample. */
  readonly peakProcesses: number;
}

/** Parent pid of every process, from /proc/PID/stat (field 4, after the parenthesized name). */
function parents(): Map<number, number> {
  const result = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      result.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended between readdir and read
    }
  }
  return result;
}

function descendantsOf(root: number): number[] {
  const ppid = parents();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of ppid) if (parent === tree[i]) tree.push(pid);
  return tree;
}

/** Rss and Pss of one process in KiB, from /proc/PID/smaps_rollup; zero once it has ended. */
function memoryOf(pid: number): { rss: number; pss: number } {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    return { rss: field('Rss'), pss: field('Pss') };
  } catch {
    return { rss: 0, pss: 0 };
  }
}

/**
 * Samples the memory of a process and all its descendants (terraform and every provider
 * process it starts) until stop(); Linux only. `/usr/bin/time` reports only the largest single
 * process, which misses the providers (docs/terraform-memory.md).
 */
export function sampleTreeMemory(intervalMs = 250): { watch(pid: number): void; stop(): TreeMemory } {
  let root: number | undefined;
  let peak = { rss: 0, pss: 0, processes: 0 };
  const sample = () => {
    if (root === undefined) return;
    const tree = descendantsOf(root).map(memoryOf).filter((m) => m.rss > 0);
    const rss = tree.reduce((s, m) => s + m.rss, 0);
    const pss = tree.reduce((s, m) => s + m.pss, 0);
    peak = { rss: Math.max(peak.rss, rss), pss: Math.max(peak.pss, pss), processes: Math.max(peak.processes, tree.length) };
  };
  const timer = setInterval(sample, intervalMs);
  return {
    watch: (pid) => void (root = pid),
    stop: () => {
      sample();
      clearInterval(timer);
      return { peakRssMiB: Math.round(peak.rss / 1024), peakPssMiB: Math.round(peak.pss / 1024), peakProcesses: peak.processes };
    },
  };
}
