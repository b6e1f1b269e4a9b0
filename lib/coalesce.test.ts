import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce";

/** A flush that records its batches and finishes when told to. */
function recorder<T>(options: { fail?: (items: T[]) => boolean } = {}) {
  const batches: T[][] = [];
  const pending: (() => void)[] = [];
  const flush = (items: T[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      pending.push(() => (options.fail?.(items) ? reject(new Error(`batch ${String(items)} failed`)) : resolve(items.map((i) => `done ${String(i)}`))));
    });
  const finishAll = () => pending.splice(0).forEach((finish) => finish());
  return { batches, flush, finishAll, inFlight: () => pending.length };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("coalesce", () => {
  it("calls made together leave as one batch; each gets its own result", async () => {
    const r = recorder<number>();
    const call = coalesce(r.flush, { maxBatch: 10, maxInFlight: 2 });
    const results = Promise.all([1, 2, 3].map(call));
    await tick();
    expect(r.batches).toEqual([[1, 2, 3]]);
    r.finishAll();
    expect(await results).toEqual(["done 1", "done 2", "done 3"]);
  });

  it("a lone call is flushed at once; calls arriving while every slot is busy wait for the next batch, at most maxBatch in it", async () => {
    const r = recorder<number>();
    const call = coalesce(r.flush, { maxBatch: 2, maxInFlight: 1 });
    const first = call(1);
    await tick();
    expect(r.batches).toEqual([[1]]);
    const later = [2, 3, 4].map(call);
    await tick();
    expect(r.inFlight()).toBe(1);
    expect(r.batches).toHaveLength(1);
    r.finishAll();
    expect(await first).toBe("done 1");
    await tick();
    expect(r.batches).toEqual([[1], [2, 3]]);
    r.finishAll();
    await tick();
    expect(r.batches).toEqual([[1], [2, 3], [4]]);
    r.finishAll();
    expect(await Promise.all(later)).toEqual(["done 2", "done 3", "done 4"]);
  });

  it("with lingerMs a batch waits for more, unless it is full", async () => {
    const r = recorder<number>();
    const call = coalesce(r.flush, { maxBatch: 3, maxInFlight: 1, lingerMs: 30 });
    const early = [call(1)];
    await tick();
    expect(r.batches).toEqual([]);
    early.push(call(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.batches).toEqual([[1, 2]]);
    // What arrives while a batch is out lingers too: the batch ending does not send it early.
    const during = call(3);
    r.finishAll();
    expect(await Promise.all(early)).toEqual(["done 1", "done 2"]);
    await tick();
    expect(r.batches).toEqual([[1, 2]]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.batches).toEqual([[1, 2], [3]]);
    r.finishAll();
    expect(await during).toBe("done 3");
    const full = [4, 5, 6].map(call);
    await tick();
    expect(r.batches).toEqual([[1, 2], [3], [4, 5, 6]]);
    r.finishAll();
    expect(await Promise.all(full)).toEqual(["done 4", "done 5", "done 6"]);
  });

  it("a failed batch rejects its own calls only", async () => {
    const r = recorder<string>({ fail: (items) => items.includes("bad") });
    const call = coalesce(r.flush, { maxBatch: 2, maxInFlight: 2 });
    const settled = Promise.allSettled(["bad", "x", "y"].map(call));
    await tick();
    expect(r.batches).toEqual([["bad", "x"], ["y"]]);
    r.finishAll();
    const outcomes = await settled;
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "fulfilled"]);
    expect((outcomes[0] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
  });

  it("a flush answering the wrong number of results rejects the batch instead of mismatching them", async () => {
    const call = coalesce(async (items: number[]) => items.slice(1), { maxBatch: 5, maxInFlight: 1 });
    const settled = await Promise.allSettled([call(1), call(2)]);
    expect(settled.map((o) => o.status)).toEqual(["rejected", "rejected"]);
  });
});
