// Many concurrent calls of an expensive one-at-a-time operation as few batch calls: what arrives
// while a batch is being handled goes into the next one. By default nothing waits for company: a
// call that finds a batch slot free is flushed at once (after the current turn of the event loop,
// so calls made together leave together), so at low load every call is a batch of one and adds no
// latency; under load, batches grow by themselves to whatever arrived during the previous one.
// With `lingerMs`, a batch waits that long for more (for work nobody is waiting on). Used for the
// webhook inbox (one INSERT and one commit for many deliveries) and the hand-off of their events
// to Inngest (one HTTP request for many).

export type CoalesceOptions = {
  /** The most items in one batch. */
  maxBatch: number;
  /** Batches handled at the same time. */
  maxInFlight: number;
  /** How long the first item of a batch waits for others (default 0: the next turn of the event loop). */
  lingerMs?: number;
};

/**
 * `flush` gets the items of a batch and answers one result per item, in order; a rejection
 * rejects every item of that batch with its error.
 */
export function coalesce<In, Out>(flush: (items: In[]) => Promise<Out[]>, options: CoalesceOptions): (item: In) => Promise<Out> {
  type Waiting = { item: In; resolve: (out: Out) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let inFlight = 0;
  /** A wait (linger, or the next turn of the event loop) for the queue is running. */
  let waiting = false;
  /** The queued items have waited long enough: they leave as soon as a batch slot is free. */
  let due = false;

  const run = async (batch: Waiting[]) => {
    inFlight++;
    try {
      const results = await flush(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`coalesce: ${results.length} results for ${batch.length} items`);
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      inFlight--;
      drain();
    }
  };

  const drain = () => {
    while (queue.length > 0 && inFlight < options.maxInFlight && (due || queue.length >= options.maxBatch)) {
      const batch = queue.slice(0, options.maxBatch);
      queue = queue.slice(batch.length);
      void run(batch);
    }
    if (queue.length === 0) due = false;
    if (queue.length > 0 && !due && !waiting) {
      waiting = true;
      const go = () => {
        waiting = false;
        due = true;
        drain();
      };
      if (options.lingerMs) setTimeout(go, options.lingerMs);
      else setImmediate(go);
    }
  };

  return (item: In) =>
    new Promise<Out>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      drain();
    });
}
