import type { Command } from 'commander';

/** `cordon monitor …`: production reports, the change filter and alerts (issue 7). Offline commands live here. */
export function registerMonitor(program: Command): void {
  void program;
}
