/**
 * The federation as a tree, built from the flat list of bodies (`GET /bodies`): the
 * national assembly at the top, then regions, cordones and the base bodies. Pure.
 */
import type { BodyKind, BodySummary } from './api.js';

export interface Federation {
  byId: ReadonlyMap<string, BodySummary>;
  /** Bodies with no parent (or whose parent is not in the list), highest level first. */
  roots: readonly string[];
  children: ReadonlyMap<string, readonly string[]>;
  /** The parent each body is shown under (null for a root). */
  parentOf: ReadonlyMap<string, string | null>;
}

/** Higher councils before the bases they federate; bases in one group. */
const LEVEL: Partial<Record<BodyKind, number>> = { national_assembly: 0, regional: 1, cordon: 2 };
const levelOf = (b: BodySummary) => LEVEL[b.kind] ?? 3;

const collator = new Intl.Collator('es', { sensitivity: 'base', numeric: true });
const byLevelThenName = (a: BodySummary, b: BodySummary) => levelOf(a) - levelOf(b) || collator.compare(a.name, b.name);

/**
 * Every body appears exactly once. A body whose parent is missing becomes a root;
 * should the parents ever form a cycle (the server refuses them), the cycle is cut
 * where it was first entered, so the tree is always finite.
 */
export function buildFederation(bodies: readonly BodySummary[]): Federation {
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const sorted = [...byId.values()].sort(byLevelThenName);
  const under = new Map<string, BodySummary[]>();
  for (const b of sorted) {
    if (b.parentId === null || !byId.has(b.parentId)) continue;
    const list = under.get(b.parentId) ?? [];
    list.push(b);
    under.set(b.parentId, list);
  }

  const roots: string[] = [];
  const children = new Map<string, string[]>();
  const parentOf = new Map<string, string | null>();
  const place = (rootId: string) => {
    roots.push(rootId);
    parentOf.set(rootId, null);
    const queue = [rootId];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const kids = (under.get(id) ?? []).filter((k) => !parentOf.has(k.id));
      children.set(id, kids.map((k) => k.id));
      for (const k of kids) {
        parentOf.set(k.id, id);
        queue.push(k.id);
      }
    }
  };
  for (const b of sorted) if (b.parentId === null || !byId.has(b.parentId)) place(b.id);
  for (const b of sorted) if (!parentOf.has(b.id)) place(b.id); // only a cycle gets here
  return { byId, roots, children, parentOf };
}

/** The bodies above `id`, from the root down (not including `id`). */
export function ancestorsOf(f: Federation, id: string): string[] {
  const path: string[] = [];
  for (let p = f.parentOf.get(id) ?? null; p !== null; p = f.parentOf.get(p) ?? null) path.unshift(p);
  return path;
}

/** Lower case without accents, so "cordon" finds "Cordón". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('es').trim();
}

/** Bodies whose name contains `query` (accents and case ignored), and every body
 *  above them, which must be open to show them. */
export function searchFederation(f: Federation, query: string): { matches: Set<string>; shown: Set<string> } {
  const q = foldForSearch(query);
  const matches = new Set<string>();
  const shown = new Set<string>();
  if (!q) return { matches, shown };
  for (const b of f.byId.values()) {
    if (!foldForSearch(b.name).includes(q)) continue;
    matches.add(b.id);
    shown.add(b.id);
    for (const a of ancestorsOf(f, b.id)) shown.add(a);
  }
  return { matches, shown };
}
