import type { Command } from 'commander';

/** `cordon monitor …`: production reports, the change filter and alerts (issue 7). Offline commands live here. */
export function registerMonitor(program: Command, result: { code: number }, out: (s: string) => void, err: (s: string) => void): void {
  void program;
  void result;
  void out;
  void err;
}
