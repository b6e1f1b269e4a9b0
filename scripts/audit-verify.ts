// npm run audit:verify [-- --company <uuid>] – recompute every audit hash chain (or one
// company's) as the owner; one line per chain, the first broken link of each; exit 1 if any
// chain is broken.
import { openDatabase } from "@/db";
import { formatChainReport, verifyAuditChains } from "@/lib/audit/verify";

const args = process.argv.slice(2);
const at = args.indexOf("--company");
const companyId = at >= 0 ? args[at + 1] : undefined;
if (at >= 0 && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(companyId ?? "")) {
  console.error("[audit] usage: audit-verify [--company <company uuid>]");
  process.exit(2);
}

const handle = await openDatabase({ role: "owner" });
try {
  const t0 = performance.now();
  const result = await verifyAuditChains(handle, { companyId });
  for (const chain of result.chains) console.log(`[audit] ${formatChainReport(chain)}`);
  const broken = result.chains.filter((chain) => chain.broken).length;
  const entries = result.chains.reduce((sum, chain) => sum + chain.entries, 0);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  if (result.chains.length === 0) console.log("[audit] no audit entries to verify");
  console.log(
    `[audit] ${result.chains.length} chain(s), ${entries} entries checked in ${seconds} s: ` +
      (broken ? `${broken} broken` : "all intact"),
  );
  if (broken) process.exitCode = 1;
} catch (error) {
  console.error(`[audit] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
