// npm run keys:rotate [-- --chunk 500] – re-encrypt every encrypted field that is not under the
// current key of FIELD_ENCRYPTION_KEYS (its first entry), as the owner, company by company, in
// chunks of rows per transaction. Safe to stop and run again (it resumes); a second run changes
// nothing. Rotating a key: put the new key first (`k2:<new>,k1:<old>`), deploy, run this, and
// drop k1 from the ring only after it reports 0. The blind-index key (FIELD_BLIND_INDEX_KEY) is
// not rotated by this.
import { openDatabase } from "@/db";
import { fieldKeys } from "@/lib/crypto/keys";
import { rotateFieldKeys } from "@/lib/crypto/rotate";

const args = process.argv.slice(2);
const at = args.indexOf("--chunk");
const chunkSize = at >= 0 ? Number(args[at + 1]) : 500;
if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 10_000) {
  console.error("[keys] usage: keys-rotate [--chunk <rows per transaction, 1–10000>]");
  process.exit(2);
}

const handle = await openDatabase({ role: "owner" });
try {
  const t0 = performance.now();
  const { ring } = fieldKeys();
  console.log(`[keys] re-encrypting under "${ring.currentKeyId}" (ring: ${[...ring.keys.keys()].join(", ")}), ${chunkSize} rows per transaction…`);
  const report = await rotateFieldKeys(handle, { ring, chunkSize, log: (line) => console.log(`[keys] ${line}`) });
  const rows = Object.entries(report.rows).map(([table, n]) => `${n} ${table}`).join(", ");
  const old = Object.entries(report.valuesByOldKey).map(([key, n]) => `${n} from "${key}"`).join(", ");
  console.log(
    `[keys] done in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${rows || "0 rows"} re-encrypted in ${report.companies} companies` +
      (old ? ` (values: ${old})` : " – everything was already under the current key"),
  );
} catch (error) {
  console.error(`[keys] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
