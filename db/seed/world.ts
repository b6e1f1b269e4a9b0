import type {
  AppointmentSource,
  BreakInterval,
  NewBranch,
  NewCompany,
  CustomerPersonalFields,
  NewCustomer,
  NewService,
  NewStaff,
  NewUser,
  ServiceCategory,
} from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import type { CompanyBlueprint } from "./blueprint";
import { EMAIL_DOMAINS, emailLocalPart, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, MOBILE_PREFIXES } from "./names";
import type { Rng } from "./random";
import { localDay, localInstant, parseHm } from "./time";

// Turns a company blueprint into rows (with ids assigned up front, so rows can point at each
// other before anything is inserted) plus the plan the appointment generator fills in.

type NewServiceCategory = Omit<ServiceCategory, "createdAt" | "updatedAt"> & { id: string };

export type PlannedService = {
  serviceId: string;
  duration: number;
  priceCents: number;
  bufferBefore: number;
  bufferAfter: number;
  minNotice: number;
  weight: number;
  audience?: "f" | "m";
  bookableOnline: boolean;
};

export type PlannedShift = {
  weekday: number;
  branchId: string;
  timeZone: string;
  start: number;
  end: number;
  breaks: { start: number; end: number }[];
};

export type StaffPlan = {
  staffId: string;
  services: PlannedService[];
  shifts: PlannedShift[];
  absences: { startsAt: Date; endsAt: Date }[];
};

/** A customer as built, personal fields still in the clear: seedDemo seals them before inserting. */
export type CustomerDraft = Omit<NewCustomer, "phoneCiphertext" | "phoneBlindIndex" | "emailCiphertext" | "emailBlindIndex" | "notesCiphertext"> &
  CustomerPersonalFields & { id: string };

export type PlannedCustomer = { id: string; gender: "f" | "m"; weight: number; preferredStaffId: string };

export type CompanyWorld = {
  companyId: string;
  blueprint: CompanyBlueprint;
  company: NewCompany & { id: string };
  branches: (NewBranch & { id: string })[];
  users: (NewUser & { id: string })[];
  /** The branches of the branch-limited accounts (lib/auth/permissions.ts → branchScope). */
  userBranches: { companyId: string; userId: string; branchId: string }[];
  categories: NewServiceCategory[];
  services: (NewService & { id: string })[];
  staff: (NewStaff & { id: string })[];
  staffBranches: { companyId: string; staffId: string; branchId: string }[];
  workingHours: {
    companyId: string;
    staffId: string;
    branchId: string;
    weekday: number;
    startTime: string;
    endTime: string;
    breaks: BreakInterval[];
  }[];
  absences: { companyId: string; staffId: string; kind: "vacation" | "sick" | "training" | "other"; startsAt: Date; endsAt: Date; note: string }[];
  staffServices: { companyId: string; staffId: string; serviceId: string; durationMinutes: number | null; priceCents: number | null }[];
  customers: CustomerDraft[];
  plan: { staff: StaffPlan[]; customers: PlannedCustomer[]; sources: Record<Exclude<AppointmentSource, "calcom">, number> };
};

export function buildCompanyWorld(
  bp: CompanyBlueprint,
  options: { now: Date; rng: Rng; passwordHashes: Map<string, string> },
): CompanyWorld {
  const { now, rng } = options;
  const companyId = newId();
  const company = {
    id: companyId,
    name: bp.name,
    slug: bp.slug,
    status: "active" as const,
    plan: bp.plan,
    locale: "de" as const,
    timeZone: "Europe/Berlin",
    currency: "EUR",
    contactEmail: bp.contactEmail,
    contactPhone: bp.contactPhone,
    settings: bp.settings,
    createdAt: new Date(now.getTime() - 400 * 86_400_000),
  };

  const branchIds = new Map(bp.branches.map((b) => [b.key, newId()]));
  const branchTz = new Map(bp.branches.map((b) => [b.key, b.timeZone]));
  const branches = bp.branches.map((b) => ({
    id: branchIds.get(b.key)!,
    companyId,
    name: b.name,
    street: b.street,
    postalCode: b.postalCode,
    city: b.city,
    country: "DE",
    timeZone: b.timeZone,
    locale: "de" as const,
    phone: b.phone,
    email: b.email,
    openingHours: b.openingHours,
  }));

  const staffIds = new Map(bp.staff.map((s) => [s.key, newId()]));
  const users = bp.users.map((u) => {
    const passwordHash = options.passwordHashes.get(u.email);
    if (!passwordHash) throw new Error(`no password hash for ${u.email}`);
    return { id: newId(), companyId, email: u.email, name: u.name, passwordHash, role: u.role, locale: "de" as const };
  });
  const userBranches = bp.users.flatMap((u, i) =>
    (u.branches ?? []).map((key) => {
      const branchId = branchIds.get(key);
      if (!branchId) throw new Error(`${bp.slug}: ${u.email} is given unknown branch ${key}`);
      return { companyId, userId: users[i]!.id, branchId };
    }),
  );
  const userIdOfStaff = new Map(
    bp.users.flatMap((u, i) => (u.staff ? [[u.staff, users[i]!.id] as const] : [])),
  );

  const categoryIds = new Map(bp.categories.map((c) => [c, newId()]));
  const categories = bp.categories.map((name, i) => ({ id: categoryIds.get(name)!, companyId, name, sortOrder: i }));

  const serviceIds = new Map(bp.services.map((s) => [s.key, newId()]));
  const services = bp.services.map((s, i) => ({
    id: serviceIds.get(s.key)!,
    companyId,
    categoryId: categoryIds.get(s.category) ?? null,
    name: s.name,
    description: s.description ?? null,
    durationMinutes: s.duration,
    bufferBeforeMinutes: s.bufferBefore ?? 0,
    bufferAfterMinutes: s.bufferAfter ?? 0,
    priceCents: s.priceCents,
    currency: "EUR",
    minNoticeMinutes: s.minNotice ?? bp.defaultMinNotice,
    bookableOnline: s.bookableOnline ?? true,
    bookableByPhone: s.bookableByPhone ?? true,
    sortOrder: i,
  }));
  const serviceByKey = new Map(bp.services.map((s) => [s.key, s]));

  const staff = bp.staff.map((s) => ({
    id: staffIds.get(s.key)!,
    companyId,
    branchId: branchIds.get(s.branch)!,
    userId: userIdOfStaff.get(s.key) ?? null,
    firstName: s.firstName,
    lastName: s.lastName,
    displayName: `${s.firstName} ${s.lastName.charAt(0)}.`,
    email: `${emailLocalPart(s.firstName, s.lastName)}@${bp.contactEmail.split("@")[1]}`,
    color: s.color,
    bio: s.bio,
  }));

  const staffBranches: CompanyWorld["staffBranches"] = [];
  const workingHours: CompanyWorld["workingHours"] = [];
  const staffServices: CompanyWorld["staffServices"] = [];
  const absences: CompanyWorld["absences"] = [];
  const plans: StaffPlan[] = [];

  for (const s of bp.staff) {
    const staffId = staffIds.get(s.key)!;
    const branchKeys = new Set([s.branch, ...s.shifts.map((shift) => shift.branch ?? s.branch)]);
    for (const key of branchKeys) staffBranches.push({ companyId, staffId, branchId: branchIds.get(key)! });

    const shifts: PlannedShift[] = [];
    for (const shift of s.shifts) {
      const branchKey = shift.branch ?? s.branch;
      for (const weekday of shift.days) {
        workingHours.push({
          companyId,
          staffId,
          branchId: branchIds.get(branchKey)!,
          weekday,
          startTime: shift.start,
          endTime: shift.end,
          breaks: shift.breaks ?? [],
        });
        shifts.push({
          weekday,
          branchId: branchIds.get(branchKey)!,
          timeZone: branchTz.get(branchKey)!,
          start: parseHm(shift.start),
          end: parseHm(shift.end),
          breaks: (shift.breaks ?? []).map((b) => ({ start: parseHm(b.start), end: parseHm(b.end) })),
        });
      }
    }

    const planned: PlannedService[] = [];
    for (const key of s.services) {
      const service = serviceByKey.get(key);
      if (!service) throw new Error(`${bp.slug}: ${s.key} performs unknown service ${key}`);
      const custom = s.custom?.[key];
      staffServices.push({
        companyId,
        staffId,
        serviceId: serviceIds.get(key)!,
        durationMinutes: custom?.duration ?? null,
        priceCents: custom?.priceCents ?? null,
      });
      planned.push({
        serviceId: serviceIds.get(key)!,
        duration: custom?.duration ?? service.duration,
        priceCents: custom?.priceCents ?? service.priceCents,
        bufferBefore: service.bufferBefore ?? 0,
        bufferAfter: service.bufferAfter ?? 0,
        minNotice: service.minNotice ?? bp.defaultMinNotice,
        weight: service.weight,
        audience: service.audience,
        bookableOnline: service.bookableOnline ?? true,
      });
    }

    const tz = branchTz.get(s.branch)!;
    const staffAbsences = bp.absences
      .filter((a) => a.staff === s.key)
      .map((a) => {
        const from = localDay(now, tz, a.fromDay);
        const to = localDay(now, tz, a.toDay);
        const startsAt = localInstant(from, a.hours ? parseHm(a.hours.start) : 0, tz);
        // A whole-day absence ends at the next local midnight.
        const endsAt = a.hours ? localInstant(to, parseHm(a.hours.end), tz) : localInstant(localDay(now, tz, a.toDay + 1), 0, tz);
        return { companyId, staffId, kind: a.kind, startsAt, endsAt, note: a.note };
      });
    absences.push(...staffAbsences);
    plans.push({ staffId, services: planned, shifts, absences: staffAbsences });
  }

  const built = buildCustomers(bp, companyId, now, rng);
  const customers = built.map((b) => b.row);
  const staffIdList = [...staffIds.values()];
  const plannedCustomers = built.map(({ row, gender }) => ({
    id: row.id,
    gender,
    // A few regulars come often, most come now and then.
    weight: rng.chance(0.2) ? rng.int(4, 8) : rng.int(1, 3),
    preferredStaffId: rng.pick(staffIdList),
  }));

  return {
    companyId,
    blueprint: bp,
    company,
    branches,
    users,
    userBranches,
    categories,
    services,
    staff,
    staffBranches,
    workingHours,
    absences,
    staffServices,
    customers,
    plan: { staff: plans, customers: plannedCustomers, sources: bp.sources },
  };
}

function buildCustomers(bp: CompanyBlueprint, companyId: string, now: Date, rng: Rng) {
  const phones = new Set<string>();
  const customers: { row: CustomerDraft; gender: "f" | "m" }[] = [];
  const notes = rng.shuffle(bp.customers.notes);
  for (let i = 0; i < bp.customers.count; i++) {
    const gender = rng.chance(bp.customers.femaleShare) ? "f" : "m";
    const firstName = rng.pick(gender === "f" ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    let phone: string;
    do {
      const prefix = rng.pick(MOBILE_PREFIXES);
      const digits = prefix.startsWith("15") ? 8 : rng.pick([7, 8]);
      phone = `+49${prefix}${String(rng.int(10 ** (digits - 1), 10 ** digits - 1))}`;
    } while (phones.has(phone));
    phones.add(phone);
    const email = rng.chance(bp.customers.emailShare)
      ? `${emailLocalPart(firstName, lastName)}${rng.chance(0.3) ? rng.int(1, 99) : ""}@${rng.pick(EMAIL_DOMAINS)}`
      : null;
    const birthday = rng.chance(0.3)
      ? `${rng.int(1950, 2008)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`
      : null;
    const createdAt = new Date(now.getTime() - rng.int(30, 540) * 86_400_000 - rng.int(0, 86_399) * 1000);
    const row = {
      id: newId(),
      companyId,
      firstName,
      lastName,
      phone,
      email,
      birthday,
      notes: i < notes.length ? notes[i]! : null,
      locale: rng.chance(0.05) ? "en" : "de",
      createdAt,
      updatedAt: createdAt,
    } satisfies CustomerDraft;
    customers.push({ row, gender });
  }
  return customers;
}
