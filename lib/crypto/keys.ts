import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type FieldKeyRing, FieldKeyConfigError, KEY_BYTES, parseBlindIndexKey, parseKeyRing } from "./key-ring";

// Where the field-encryption keys come from:
//   - FIELD_ENCRYPTION_KEYS and FIELD_BLIND_INDEX_KEY in the environment (a deployment must set
//     both: lib/env.ts refuses to start without them when DATABASE_URL is set);
//   - the embedded demo (no DATABASE_URL) without them: a local key ring and blind-index key,
//     made once in .data/field-keys.json (mode 600, git-ignored) and used from then on. Losing
//     that file makes the demo's customer data unreadable: `npm run db:reset` starts over.

export type FieldKeys = { ring: FieldKeyRing; blindIndexKey: Buffer };

export const DEMO_FIELD_KEYS_FILE = ".data/field-keys.json";

type DemoKeyFile = { note: string; FIELD_ENCRYPTION_KEYS: string; FIELD_BLIND_INDEX_KEY: string };

let cached: { source: string; keys: FieldKeys } | undefined;

/**
 * The keys in force, read from the environment at each call (cached while the variables stay the
 * same, so tests and `keys:rotate` may change them). Throws FieldKeyConfigError when a
 * deployment has none or a variable is malformed.
 */
export function fieldKeys(env: Record<string, string | undefined> = process.env): FieldKeys {
  let ringText = env.FIELD_ENCRYPTION_KEYS?.trim() || undefined;
  let indexText = env.FIELD_BLIND_INDEX_KEY?.trim() || undefined;
  if (!ringText || !indexText) {
    if (env.DATABASE_URL) {
      throw new FieldKeyConfigError(
        ringText ? "FIELD_BLIND_INDEX_KEY" : "FIELD_ENCRYPTION_KEYS",
        "is required when DATABASE_URL is set: customer data is encrypted at field level (README.md → Security)",
      );
    }
    if (ringText || indexText) {
      throw new FieldKeyConfigError(
        ringText ? "FIELD_BLIND_INDEX_KEY" : "FIELD_ENCRYPTION_KEYS",
        "is missing: set both field-encryption variables, or neither for the demo's local keys",
      );
    }
    ({ FIELD_ENCRYPTION_KEYS: ringText, FIELD_BLIND_INDEX_KEY: indexText } = ensureDemoFieldKeys());
  }
  const source = `${ringText}\n${indexText}`;
  if (cached?.source !== source) {
    cached = { source, keys: { ring: parseKeyRing(ringText), blindIndexKey: parseBlindIndexKey(indexText) } };
  }
  return cached.keys;
}

/**
 * The embedded demo's local keys: created once in `file` (mode 600) with one log line, then read
 * back. The key id is random, so keys made again after the file was lost fail as "unknown key id"
 * on old data instead of as a bare authentication failure.
 */
export function ensureDemoFieldKeys(
  options: { file?: string; log?: (line: string) => void } = {},
): { FIELD_ENCRYPTION_KEYS: string; FIELD_BLIND_INDEX_KEY: string; created: boolean } {
  const file = resolve(/*turbopackIgnore: true*/ options.file ?? DEMO_FIELD_KEYS_FILE);
  let created = false;
  if (!existsSync(/*turbopackIgnore: true*/ file)) {
    mkdirSync(/*turbopackIgnore: true*/ dirname(file), { recursive: true });
    const content: DemoKeyFile = {
      note: "Local field-encryption keys of the embedded demo (demo only). Deployments set FIELD_ENCRYPTION_KEYS and FIELD_BLIND_INDEX_KEY.",
      FIELD_ENCRYPTION_KEYS: `demo-${randomBytes(4).toString("hex")}:${randomBytes(KEY_BYTES).toString("base64")}`,
      FIELD_BLIND_INDEX_KEY: randomBytes(KEY_BYTES).toString("base64"),
    };
    try {
      // "wx": two processes starting at once (seed and dev server) cannot both write it.
      writeFileSync(/*turbopackIgnore: true*/ file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: "wx" });
      created = true;
      (options.log ?? console.log)(
        `[keys] Created local field-encryption keys in ${file} (demo only; set FIELD_ENCRYPTION_KEYS and FIELD_BLIND_INDEX_KEY in production).`,
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  let parsed: Partial<DemoKeyFile>;
  try {
    parsed = JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8")) as Partial<DemoKeyFile>;
  } catch {
    throw new FieldKeyConfigError("FIELD_ENCRYPTION_KEYS", `is not set and the demo key file ${file} is unreadable`);
  }
  const ring = parsed.FIELD_ENCRYPTION_KEYS ?? "";
  const index = parsed.FIELD_BLIND_INDEX_KEY ?? "";
  parseKeyRing(ring, `FIELD_ENCRYPTION_KEYS (in ${file})`);
  parseBlindIndexKey(index, `FIELD_BLIND_INDEX_KEY (in ${file})`);
  return { FIELD_ENCRYPTION_KEYS: ring, FIELD_BLIND_INDEX_KEY: index, created };
}
