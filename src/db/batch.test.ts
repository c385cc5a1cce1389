import { describe, expect, test } from 'vitest';
import { Batcher } from './batch.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('Batcher', () => {
  test('alone under light load; gathered while the slots are busy; one answer per item, in order', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new Batcher<number, number>(
      async (items) => {
        batches.push([...items]);
        return items.map((i) => i * 10);
      },
      async (i) => {
        batches.push([i]);
        if (i === 1) await gate; // the first keeps the only slot busy
        return i * 10;
      },
      { maxBatch: 3, slots: 1 },
    );
    const first = b.submit(1);
    const rest = [2, 3, 4, 5, 6].map((i) => b.submit(i));
    await tick();
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50, 60]);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  test('never two items with the same key in one batch', async () => {
    const batches: string[][] = [];
    const b = new Batcher<string, string>(
      async (items) => (batches.push([...items]), items.map((i) => i.toUpperCase())),
      async (i) => (batches.push([i]), await tick(), i.toUpperCase()),
      { maxBatch: 10, slots: 1, key: (s) => s[0]! },
    );
    const all = Promise.all(['x0', 'a1', 'a2', 'b1', 'a3'].map((s) => b.submit(s)));
    expect(await all).toEqual(['X0', 'A1', 'A2', 'B1', 'A3']);
    expect(batches).toEqual([['x0'], ['a1', 'b1'], ['a2'], ['a3']]);
  });

  test('a batch that fails is retried item by item, so only the bad item fails', async () => {
    const b = new Batcher<number, number>(
      async (items) => {
        if (items.includes(3)) throw new Error('batch spoiled');
        return items;
      },
      async (i) => {
        await tick();
        if (i === 3) throw new Error('three is bad');
        return i;
      },
      { maxBatch: 10, slots: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => b.submit(i)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([1, 2, 'three is bad', 4]);
  });
});
