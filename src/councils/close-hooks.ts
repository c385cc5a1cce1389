import type { Ctx } from '../core/context.js';
import type { Tx } from '../db/db.js';

/** What a close handler is told: the motion and its final result (`adopted` is the index
 *  of the adopted option, or null). */
export interface ClosedMotion {
  id: string;
  bodyId: string;
  title: string;
  options: string[];
  adopted: number | null;
}

export type MotionCloseHandler = (tx: Tx, ctx: Ctx, motion: ClosedMotion) => Promise<void>;

const handlers = new Map<string, MotionCloseHandler>();

/**
 * Lets another module act on a motion's result in the transaction that closes it (by
 * `closeMotion` or `sweepDueMotions`): the plan adopts the winning variant of a variant
 * set this way, without councils importing the plan. Each handler decides whether the
 * motion is one of its own; an error in it rolls the close back. Registering a name
 * again replaces its handler.
 */
export function onMotionClose(name: string, handler: MotionCloseHandler): void {
  handlers.set(name, handler);
}

export async function runCloseHandlers(tx: Tx, ctx: Ctx, motion: ClosedMotion): Promise<void> {
  for (const h of handlers.values()) await h(tx, ctx, motion);
}
