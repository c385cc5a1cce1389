/** The changes in a whole series, as `cordon monitor detect` prints them. */
import { createFilter, updateFilter } from './filter.js';
import type { ChangeType, FilterOptions } from './model.js';

export interface Change {
  /** Row of the value where the change happened (0-based). */
  index: number;
  /** Row of the value with which it became credible (the next one). */
  seenAt: number;
  type: ChangeType;
  probability: number;
}

export function detectChanges(times: ArrayLike<number>, values: ArrayLike<number>, options: Partial<FilterOptions> = {}): Change[] {
  const state = createFilter(options);
  const changes: Change[] = [];
  for (let i = 0; i < values.length; i++) {
    const u = updateFilter(state, values[i]!, times[i]!);
    if (u.change) changes.push({ index: i - 1, seenAt: i, type: u.change.type, probability: u.change.probability });
  }
  return changes;
}
