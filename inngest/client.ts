import { Inngest } from "inngest";

// One client for the app. Mode comes from the environment (Inngest v4 defaults to cloud mode):
// INNGEST_DEV=1 for a local dev server or the embedded demo, INNGEST_SIGNING_KEY/EVENT_KEY for
// Inngest Cloud or the self-hosted server. lib/env.ts refuses to start with neither.
//
// Its requests (inngest.send) use the platform's fetch, not the one Next.js patches for data
// caching and render tracing inside the server: that wrapper does nothing for a POST to the event
// API but costs a third of the webhook route's CPU time under load (bench:voice).
type PatchedFetch = typeof fetch & { _nextOriginalFetch?: typeof fetch };
const platformFetch: typeof fetch = (input, init) => {
  const current = globalThis.fetch as PatchedFetch;
  return (current._nextOriginalFetch ?? current)(input, init);
};

export const inngest = new Inngest({ id: "askproai", fetch: platformFetch });
