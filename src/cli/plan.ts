import type { Command } from 'commander';

/** `cordon plan …`: the input–output model and the plan (issue 6). Offline commands live here. */
export function registerPlan(program: Command): void {
  void program;
}
