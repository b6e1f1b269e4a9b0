import { Inngest } from "inngest";

// One client for the app. Mode comes from the environment (Inngest v4 defaults to cloud mode):
// INNGEST_DEV=1 for a local dev server or the embedded demo, INNGEST_SIGNING_KEY/EVENT_KEY for
// Inngest Cloud or the self-hosted server. lib/env.ts refuses to start with neither.
export const inngest = new Inngest({ id: "askproai" });
