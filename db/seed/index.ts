import { type DatabaseHandle, type Tx, withCompany } from "@/db";
import {
  appointmentNotes,
  appointments,
  branches,
  companies,
  customers,
  featureFlagOverrides,
  featureFlags,
  phoneNumbers,
  retellAgents,
  serviceCategories,
  services,
  staff,
  staffAbsences,
  staffBranches,
  staffServices,
  userBranches,
  users,
  workingHours,
  type CustomerPersonalFields,
  type SealedCustomerFields,
  type UserRole,
} from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { generateAppointments } from "./appointments";
import { insertDemoCalls } from "./calls";
import { insertDemoVoice, type VoiceSeedOptions } from "./voice";
import type { CompanyBlueprint } from "./blueprint";
import { DEMO_COMPANIES } from "./companies";
import { createRng } from "./random";
import { localDay } from "./time";
import { buildCompanyWorld, type CompanyWorld } from "./world";

// The demo world behind `npm run db:seed`, the e2e server and db/seed/seed.test.ts. Every tenant
// row is written inside withCompany (RLS wants the company set even for the owner on a server
// where it is no superuser), one transaction per company, so a failed run leaves no half company
// behind and a re-run finds either all of it or nothing.

export const DEMO_PASSWORD = "Demo-Passwort-2026";
export const DEMO_SIGN_IN_PATH = "/sign-in";
export const PLATFORM_ADMIN = { email: "admin@askproai.de", name: "Plattform-Admin" } as const;
export const DEMO_COMPANY_SLUGS = DEMO_COMPANIES.map((c) => c.slug);

export type DemoAccount = { email: string; role: UserRole; company: string | null };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: PLATFORM_ADMIN.email, role: "platform_admin", company: null },
  ...DEMO_COMPANIES.flatMap((c) => c.users.map((u) => ({ email: u.email, role: u.role, company: c.name }))),
];

/** The sign-in block printed by the seed and by `npm start` on the embedded database. */
export function demoSignInBanner(port: string): string {
  const url = `http://localhost:${port}${DEMO_SIGN_IN_PATH}`;
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length)) + 2;
  return `
  ┌ AskProAI demo
  │ Sign in:   ${url}
  │ Password:  ${DEMO_PASSWORD}  (all accounts)
  │ Mail:      http://localhost:${port}/dev/mailbox  (the demo's inbox: no SMTP configured)
  │
${DEMO_ACCOUNTS.map((a) => `  │   ${a.email.padEnd(width)}${a.role.padEnd(16)}${a.company ?? "platform"}`).join("\n")}
  └`;
}

const FEATURE_FLAGS = [
  {
    key: "voice.live_booking",
    description: "Der Sprachassistent bucht Termine direkt in den Kalender, statt eine Rückrufbitte anzulegen.",
    defaultEnabled: true,
    rolloutPercentage: 100,
  },
  {
    key: "reports.scheduled_email",
    description: "Geplante Berichte werden regelmäßig per E-Mail verschickt.",
    defaultEnabled: false,
    rolloutPercentage: 0,
  },
  {
    key: "dashboard.upcoming_appointments",
    description: "Das Dashboard zeigt die Karte „Nächste Termine“ mit den kommenden Terminen.",
    defaultEnabled: true,
    rolloutPercentage: 100,
  },
];

export type SeedOptions = {
  /** argon2id from lib/auth/password.ts; passed in because db/ does not import lib/. */
  hashPassword: (password: string) => Promise<string>;
  /**
   * sealCustomerFields from lib/customers/protect.ts (field encryption and blind index of phone,
   * email and notes); passed in for the same reason. The demo's customers are stored exactly as
   * the app stores them.
   */
  sealCustomer: (companyId: string, fields: CustomerPersonalFields) => SealedCustomerFields;
  /** sealTranscript from lib/calls/transcripts.ts: the demo calls' conversations (./voice.ts); without it, none. */
  sealTranscript?: VoiceSeedOptions["sealTranscript"];
  /** The moment the calendar is built around (default: now). */
  today?: Date;
  log?: (message: string) => void;
};

export type SeedCounts = {
  companies: number;
  branches: number;
  users: number;
  staff: number;
  workingHours: number;
  absences: number;
  services: number;
  staffServices: number;
  customers: number;
  appointments: number;
  appointmentNotes: number;
  phoneNumbers: number;
  featureFlags: number;
};

export type SeedResult = { skipped: boolean; counts: SeedCounts; companyIds: Record<string, string>; durationMs: number };

const CHUNK = 400;

export async function seedDemo(handle: DatabaseHandle, options: SeedOptions): Promise<SeedResult> {
  const t0 = performance.now();
  const now = options.today ?? new Date();
  const log = options.log ?? (() => {});
  const counts: SeedCounts = {
    companies: 0, branches: 0, users: 0, staff: 0, workingHours: 0, absences: 0, services: 0,
    staffServices: 0, customers: 0, appointments: 0, appointmentNotes: 0, phoneNumbers: 0, featureFlags: 0,
  };
  const companyIds: Record<string, string> = {};

  // feature_flags is global (no company_id, no RLS): the owner writes it directly.
  const flags = await handle.db.insert(featureFlags).values(FEATURE_FLAGS).onConflictDoNothing().returning({ key: featureFlags.key });
  counts.featureFlags = flags.length;

  // A platform admin has no company, so no withCompany: the bootstrap function inserts it.
  if (!(await exists(handle, "select 1 from users where lower(email) = lower($1)", PLATFORM_ADMIN.email))) {
    const hash = await options.hashPassword(DEMO_PASSWORD);
    await handle.sql.query("select app_create_platform_admin($1::uuid, $2, $3, $4)", [newId(), PLATFORM_ADMIN.email, PLATFORM_ADMIN.name, hash]);
    counts.users++;
  }

  for (const blueprint of DEMO_COMPANIES) {
    const [existing] = await handle.sql.query<{ id: string }>("select id from companies where slug = $1", [blueprint.slug]);
    if (existing) {
      companyIds[blueprint.slug] = existing.id;
      log(`${blueprint.name}: already present, skipped`);
      continue;
    }
    const t1 = performance.now();
    const world = await buildWorld(blueprint, now, options.hashPassword);
    const admin = world.users.find((u) => u.role === "company_admin");
    const generated = generateAppointments({
      companyId: world.companyId,
      ...world.plan,
      bookingNotes: blueprint.bookingNotes,
      internalNotes: blueprint.internalNotes,
      noteAuthorId: admin?.id ?? null,
      now,
      rng: createRng(`${blueprint.slug}:calendar:${localDay(now, "Europe/Berlin").key}`),
    });
    await withCompany(world.companyId, (tx) => insertWorld(tx, world, generated, options.sealCustomer, { now, sealCustomer: options.sealCustomer, sealTranscript: options.sealTranscript }), { handle });
    companyIds[blueprint.slug] = world.companyId;

    counts.companies++;
    counts.branches += world.branches.length;
    counts.users += world.users.length;
    counts.staff += world.staff.length;
    counts.workingHours += world.workingHours.length;
    counts.absences += world.absences.length;
    counts.services += world.services.length;
    counts.staffServices += world.staffServices.length;
    counts.customers += world.customers.length;
    counts.appointments += generated.appointments.length;
    counts.appointmentNotes += generated.notes.length;
    counts.phoneNumbers += world.branches.length;
    log(
      `${blueprint.name}: ${plural(world.branches.length, "branch", "branches")}, ${world.staff.length} staff, ${world.services.length} services, ` +
        `${world.customers.length} customers, ${generated.appointments.length} appointments (${Math.round(performance.now() - t1)} ms)`,
    );
  }

  const skipped = counts.companies === 0 && counts.users === 0 && counts.featureFlags === 0;
  if (skipped) log("Demo data already present");
  return { skipped, counts, companyIds, durationMs: Math.round(performance.now() - t0) };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

async function exists(handle: DatabaseHandle, query: string, value: string) {
  return (await handle.sql.query(query, [value])).length > 0;
}

async function buildWorld(blueprint: CompanyBlueprint, now: Date, hashPassword: SeedOptions["hashPassword"]) {
  const hashes = await Promise.all(blueprint.users.map(async (u) => [u.email, await hashPassword(DEMO_PASSWORD)] as const));
  const rng = createRng(`${blueprint.slug}:world:${localDay(now, "Europe/Berlin").key}`);
  return buildCompanyWorld(blueprint, { now, rng, passwordHashes: new Map(hashes) });
}

async function insertWorld(
  tx: Tx,
  world: CompanyWorld,
  generated: ReturnType<typeof generateAppointments>,
  sealCustomer: SeedOptions["sealCustomer"],
  voice: VoiceSeedOptions,
) {
  const { companyId, blueprint } = world;
  await tx.insert(companies).values(world.company);
  await tx.insert(branches).values(world.branches);
  await tx.insert(users).values(world.users);
  if (world.userBranches.length) await tx.insert(userBranches).values(world.userBranches);
  await tx.insert(serviceCategories).values(world.categories);
  await tx.insert(services).values(world.services);
  await tx.insert(staff).values(world.staff);
  await tx.insert(staffBranches).values(world.staffBranches);
  await tx.insert(workingHours).values(world.workingHours);
  if (world.absences.length) await tx.insert(staffAbsences).values(world.absences);
  await tx.insert(staffServices).values(world.staffServices);
  const sealed = world.customers.map(({ phone, email, notes, ...row }) => ({ ...row, ...sealCustomer(companyId, { phone, email, notes }) }));
  for (const chunk of chunks(sealed)) await tx.insert(customers).values(chunk);
  for (const chunk of chunks(generated.appointments)) await tx.insert(appointments).values(chunk);
  for (const chunk of chunks(generated.notes)) await tx.insert(appointmentNotes).values(chunk);
  await insertDemoCalls(tx, world, generated.appointments);
  await insertDemoVoice(tx, world, voice);

  const agentId = newId();
  await tx.insert(retellAgents).values({
    id: agentId,
    companyId,
    retellAgentId: blueprint.agent.retellAgentId,
    name: blueprint.agent.name,
    language: "de",
    voiceId: blueprint.agent.voiceId,
    settings: blueprint.agent.settings,
  });
  await tx.insert(phoneNumbers).values(
    blueprint.branches.map((b, i) => ({
      companyId,
      branchId: world.branches[i]!.id,
      retellAgentId: agentId,
      e164: b.agentNumber,
      label: b.name,
    })),
  );
  const overrides = Object.entries(blueprint.flagOverrides ?? {});
  if (overrides.length) {
    await tx.insert(featureFlagOverrides).values(overrides.map(([flagKey, enabled]) => ({ companyId, flagKey, enabled })));
  }
}

function* chunks<T>(rows: T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
