import { readdirSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in ms. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start at "state"; utime and stime are 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * The CPU time of processes that another program starts and ends (the policy pack, which the Pulumi CLI runs), found
 * by their command line and read from /proc every `intervalMs` while they live. A process's count is what it had used
 * at the last reading before it ended, so what it uses in its last interval is missed: the pack is idle by then.
 * Only processes started after the watch began are looked at, and one that does not match yet is looked at again: a
 * process started by fork and exec shows its parent's command line until the exec.
 */
export class ProcessCpuWatch {
  private readonly usedMs = new Map<number, number>();
  private readonly earlierPids = new Set(pidsIn(readdirSync("/proc")));
  private readonly timer: NodeJS.Timeout;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly matches: (commandLine: string) => boolean,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.readOnce(), intervalMs);
  }

  /** Stops watching and returns the CPU time of every matching process seen, in ms. */
  async stop(): Promise<number> {
    clearInterval(this.timer);
    await this.readOnce();
    return [...this.usedMs.values()].reduce((sum, ms) => sum + ms, 0);
  }

  private readOnce(): Promise<void> {
    // One reading at a time: a slow one is not overtaken by the next.
    this.reading = this.reading.then(() => this.read());
    return this.reading;
  }

  private async read(): Promise<void> {
    for (const pid of pidsIn(await readdir("/proc"))) {
      if (this.earlierPids.has(pid)) continue;
      try {
        if (!this.usedMs.has(pid)) {
          const commandLine = (await readFile(`/proc/${pid}/cmdline`, "utf8")).replaceAll("\0", " ");
          if (!this.matches(commandLine)) continue;
        }
        this.usedMs.set(pid, await cpuMs(pid));
      } catch {
        // The process ended between listing and reading: its last reading stands.
      }
    }
  }
}

/** The process ids among the entries of /proc. */
function pidsIn(entries: readonly string[]): number[] {
  return entries.map(Number).filter((pid) => Number.isInteger(pid));
}
