import v8 from "node:v8";
import { describe, expect, it } from "vitest";
import { GarbageWatch } from "../../src/io/collect-garbage.js";

describe("GarbageWatch", () => {
  it("after check(), the heap is within its headroom of what was live, and what is live is kept", () => {
    const baseline = v8.getHeapStatistics().used_heap_size;
    const watch = new GarbageWatch();
    const live: string[][] = [];
    let kept = 0;
    // Garbage in old space, the way a long build leaves it: arrays that lived a while.
    for (let round = 0; round < 40; round++) {
      const batch = Array.from({ length: 20_000 }, (_, i) => `page ${round} ${i} ${"x".repeat(100)}`);
      if (round % 10 === 0) {
        live.push(batch);
        kept += batch.length;
      }
    }
    watch.check();
    const after = v8.getHeapStatistics().used_heap_size;
    // About 90 MB were allocated, a quarter of it still live (some 20 MB): whether V8
    // collected the rest on its own or check() did, it must not still be there.
    expect(after - baseline).toBeLessThan(64 * 1024 * 1024);
    expect(live.flat()).toHaveLength(kept);
  });
});
