import type { Tx } from "@/db";
import { calls } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import type { AppointmentRow } from "./appointments";
import { createRng } from "./random";
import type { CompanyWorld } from "./world";

// Demo calls until the voice agent fills the table for real: one ended call for each appointment
// the agent booked by phone in the past (a minute or two before the booking was stored), and some
// calls that booked nothing (questions, hang-ups, missed calls). Drawn from a generator seeded with
// the company's slug, so the same world gets the same calls.

const SECOND = 1000;
const QUESTIONS = [
  "Frage nach den Öffnungszeiten.",
  "Frage nach Preisen, Rückruf gewünscht.",
  "Termin verschieben erfragt, an die Filiale verwiesen.",
  "Anrufer hat vor der Terminwahl aufgelegt.",
];

export async function insertDemoCalls(tx: Tx, world: CompanyWorld, appointments: AppointmentRow[]) {
  const rng = createRng(`${world.blueprint.slug}:calls`);
  const agentNumber = new Map(world.branches.map((b, i) => [b.id, world.blueprint.branches[i]?.agentNumber ?? null]));
  const phoneOf = new Map(world.customers.map((c) => [c.id, c.phone ?? null]));
  const serviceName = new Map(world.services.map((s) => [s.id, s.name]));
  const booked = appointments
    .filter((a) => a.source === "phone" && a.createdAt instanceof Date)
    .sort((a, b) => (b.createdAt as Date).getTime() - (a.createdAt as Date).getTime())
    .slice(0, 80);

  const rows: (typeof calls.$inferInsert)[] = [];
  for (const appointment of booked) {
    const endedAt = new Date((appointment.createdAt as Date).getTime() - rng.int(10, 90) * SECOND);
    const durationMs = rng.int(70, 260) * SECOND;
    rows.push({
      id: newId(),
      companyId: world.companyId,
      branchId: appointment.branchId,
      customerId: appointment.customerId,
      retellCallId: `call_demo_${newId().replaceAll("-", "")}`,
      direction: "inbound",
      status: "ended",
      fromNumber: phoneOf.get(appointment.customerId) ?? null,
      toNumber: agentNumber.get(appointment.branchId) ?? null,
      startedAt: new Date(endedAt.getTime() - durationMs),
      endedAt,
      analyzedAt: new Date(endedAt.getTime() + 20 * SECOND),
      durationMs,
      disconnectionReason: rng.chance(0.8) ? "user_hangup" : "agent_hangup",
      summary: `Termin gebucht: ${serviceName.get(appointment.serviceId) ?? "Termin"}.`,
      sentiment: rng.chance(0.85) ? "Positive" : "Neutral",
      successful: true,
    });
    // Now and then a call around it that booked nothing.
    if (rng.chance(0.25)) {
      const missed = rng.chance(0.3);
      const startedAt = new Date(endedAt.getTime() - rng.int(1, 48) * 3_600 * SECOND);
      const length = rng.int(15, 120) * SECOND;
      rows.push({
        id: newId(),
        companyId: world.companyId,
        branchId: appointment.branchId,
        retellCallId: `call_demo_${newId().replaceAll("-", "")}`,
        direction: "inbound",
        status: missed ? "not_connected" : "ended",
        fromNumber: rng.chance(0.5) ? (phoneOf.get(appointment.customerId) ?? null) : null,
        toNumber: agentNumber.get(appointment.branchId) ?? null,
        startedAt: missed ? null : startedAt,
        endedAt: missed ? null : new Date(startedAt.getTime() + length),
        durationMs: missed ? null : length,
        disconnectionReason: missed ? "dial_no_answer" : "user_hangup",
        summary: missed ? null : rng.pick(QUESTIONS),
        sentiment: missed ? null : "Neutral",
        successful: missed ? null : false,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 200) await tx.insert(calls).values(rows.slice(i, i + 200));
  return rows.length;
}
