import v8 from "node:v8";
import vm from "node:vm";

let gc: (() => void) | null | undefined;

/** V8's `gc`, exposed by setting its flag while running; null when the runtime refuses. */
function gcFunction(): (() => void) | null {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      const found: unknown = vm.runInNewContext("gc");
      gc = typeof found === "function" ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  return gc;
}

/** How much the heap may grow over what was live after the last collection. */
const HEADROOM = 64 * 1024 * 1024;

/**
 * Keeps a long loop's garbage from piling up. Rendering and writing ten
 * thousand pages leaves garbage that V8 keeps until the heap is several times
 * what is live (measured: 370 MiB of heap for 110 MiB live), which decides a
 * build's peak memory. `check()` is cheap; it runs a full collection only once
 * the heap has grown by HEADROOM, a few times per ten thousand pages. Without
 * a `gc` (a runtime that refuses the flag) it does nothing and the build is the same.
 */
export class GarbageWatch {
  private live = v8.getHeapStatistics().used_heap_size;

  /** Collects when the heap has grown by more than the headroom since the last collection. */
  check(): void {
    if (v8.getHeapStatistics().used_heap_size - this.live < HEADROOM) return;
    const collect = gcFunction();
    if (!collect) return;
    collect();
    this.live = v8.getHeapStatistics().used_heap_size;
  }
}
