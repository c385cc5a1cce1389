import type { Command } from 'commander';

/** `cordon plan …`: the input–output model and the plan (issue 6). Offline commands live here. */
export function registerPlan(program: Command, result: { code: number }, out: (s: string) => void, err: (s: string) => void): void {
  void program;
  void result;
  void out;
  void err;
}
