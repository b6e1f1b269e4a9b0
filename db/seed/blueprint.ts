import type { AppointmentSource, BreakInterval, OpeningHours, UserRole } from "@/db/schema";

// The shape of a demo company as written down in companies.ts: keys instead of ids, days
// relative to the seeding day. world.ts turns a blueprint into rows.

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type ShiftBlueprint = {
  days: Weekday[];
  /** Branch key; the staff member's home branch when omitted. */
  branch?: string;
  start: string;
  end: string;
  breaks?: BreakInterval[];
};

export type ServiceBlueprint = {
  key: string;
  category: string;
  name: string;
  description?: string;
  duration: number;
  bufferBefore?: number;
  bufferAfter?: number;
  priceCents: number;
  /** Minutes; the company default when omitted. */
  minNotice?: number;
  bookableOnline?: boolean;
  bookableByPhone?: boolean;
  /** Booked mostly by women ("f") or men ("m"); anyone when omitted. */
  audience?: "f" | "m";
  /** Relative popularity when the calendar is filled. */
  weight: number;
};

export type StaffBlueprint = {
  key: string;
  firstName: string;
  lastName: string;
  branch: string;
  color: string;
  bio: string;
  services: string[];
  /** Per-service duration and price of this person, where they differ from the service. */
  custom?: Record<string, { duration?: number; priceCents?: number }>;
  shifts: ShiftBlueprint[];
};

export type AbsenceBlueprint = {
  staff: string;
  kind: "vacation" | "sick" | "training" | "other";
  /** Day offsets from the seeding day, both inclusive. */
  fromDay: number;
  toDay: number;
  /** Local hours on a single day; whole days when omitted. */
  hours?: { start: string; end: string };
  note: string;
};

export type BranchBlueprint = {
  key: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  timeZone: string;
  phone: string;
  email: string;
  openingHours: OpeningHours;
  /** The number the voice agent answers for this branch (E.164). */
  agentNumber: string;
};

export type UserBlueprint = {
  email: string;
  name: string;
  role: Exclude<UserRole, "platform_admin">;
  /** Staff key when the user is also on the schedule. */
  staff?: string;
  /** Branch keys a branch-limited role (branch_manager, staff) works in: its user_branches. */
  branches?: string[];
};

export type CompanyBlueprint = {
  slug: string;
  name: string;
  plan: string;
  contactEmail: string;
  contactPhone: string;
  settings: Record<string, unknown>;
  defaultMinNotice: number;
  branches: BranchBlueprint[];
  categories: string[];
  services: ServiceBlueprint[];
  staff: StaffBlueprint[];
  absences: AbsenceBlueprint[];
  users: UserBlueprint[];
  agent: { retellAgentId: string; name: string; voiceId: string; settings: Record<string, unknown> };
  customers: { count: number; femaleShare: number; emailShare: number; notes: string[] };
  sources: Record<Exclude<AppointmentSource, "calcom">, number>;
  /** Free text on the appointment itself, as typed while booking. */
  bookingNotes: string[];
  /** Internal notes written about an appointment afterwards (appointment_notes). */
  internalNotes: string[];
  /** Company overrides of global feature flags. */
  flagOverrides?: Record<string, boolean>;
};
