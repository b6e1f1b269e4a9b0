// npm run db:seed – the demo world (two companies, staff, customers, a calendar around today and
// one account per role) written as the owner; skips what is already there.
import { openDatabase } from "@/db";
import { demoSignInBanner, seedDemo } from "@/db/seed";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_TOTP_SECRET, DEMO_UNENROLLED_ADMIN } from "@/lib/auth/two-factor-demo";
import { enrollDemoTwoFactor } from "@/lib/auth/two-factor-demo-seed";
import { sealTranscript } from "@/lib/calls/transcripts";
import { sealCustomerFields } from "@/lib/customers/protect";

// The demo accounts have a published password (README): never on a server unless asked for in so
// many words. A real deployment gets its first platform admin from npm run admin:create.
const serverUrl = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
if (serverUrl && process.env.SEED_DEMO_ACCOUNTS !== "1") {
  console.error(
    "[seed] refused: the demo seed creates accounts with a published password. On a PostgreSQL server it runs only with\n" +
      "       SEED_DEMO_ACCOUNTS=1 (a demo or staging database, never production). For a real deployment create the\n" +
      "       first platform admin with: npm run admin:create -- --email <address> --name \"<name>\"",
  );
  process.exit(1);
}

const handle = await openDatabase({ role: "owner" });
try {
  const where = handle.kind === "pglite" ? "embedded database" : "PostgreSQL server";
  console.log(`[seed] seeding the ${where}…`);
  const result = await seedDemo(handle, { hashPassword, sealCustomer: sealCustomerFields, sealTranscript, log: (m) => console.log(`[seed] ${m}`) });
  if (!result.skipped) {
    const c = result.counts;
    console.log(
      `[seed] inserted ${c.companies} companies, ${c.branches} branches, ${c.staff} staff, ${c.services} services, ` +
        `${c.customers} customers, ${c.appointments} appointments, ${c.appointmentNotes} appointment notes, ` +
        `${c.users} users, ${c.phoneNumbers} phone numbers, ${c.featureFlags} feature flags`,
    );
  }
  const enrolled = await enrollDemoTwoFactor(handle);
  if (enrolled) console.log(`[seed] two-factor sign-in on for ${enrolled} admin accounts (demo secret)`);
  console.log(`[seed] done in ${(result.durationMs / 1000).toFixed(1)} s`);
  printSignIn();
} catch (error) {
  console.error(`[seed] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}

function printSignIn() {
  console.log(demoSignInBanner(process.env.PORT ?? "3000"));
  console.log(`  Admins sign in with a second factor: \`npm run demo:totp\` prints the current code
  (or add the key ${DEMO_TOTP_SECRET} to an authenticator app). ${DEMO_UNENROLLED_ADMIN.email} has none
  yet and is sent to set it up.`);
}
