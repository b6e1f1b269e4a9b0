import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { withCompany } from "@/db";
import { appointmentNotes, auditLog, users } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { insertBranch } from "@/db/testing/rows";
import { type ApiWorld, createApiWorld } from "@/lib/api/testing";
import { createAppointment } from "./create";
import { addNote, deleteNote, listNotes, MAX_NOTE_LENGTH } from "./notes";

// Internal notes of an appointment on the real database: author, order, limits, deleting, and
// that neither another company nor another branch reaches them.

async function worldWithAppointment(name: string) {
  const w = await createApiWorld(name);
  const startsAt = new Date(Date.now() + 3 * 86_400_000);
  startsAt.setUTCHours(10, 0, 0, 0);
  const booked = await createAppointment(
    w.companyId,
    { branchId: w.branchId, serviceId: w.serviceId, staffId: w.staffId, customerId: w.customerId, startsAt: startsAt.toISOString() },
    { source: "admin" },
  );
  if (!booked.ok) throw new Error(`booking failed: ${booked.reason}`);
  return { ...w, appointmentId: booked.appointment.id };
}

async function addUser(w: ApiWorld, name: string) {
  const id = newId();
  await withCompany(w.companyId, (tx) =>
    tx.insert(users).values({ id, companyId: w.companyId, email: `n-${id.slice(-12)}@example.test`, name, passwordHash: "$argon2id$x", role: "staff" }),
  );
  return id;
}

const storedNotes = (companyId: string) => withCompany(companyId, (tx) => tx.select().from(appointmentNotes));

describe("appointment notes", () => {
  it("adds notes with the acting user as author, lists them oldest first, audited", async () => {
    const w = await worldWithAppointment("Notizen");
    const scope = { userId: w.adminId, branchIds: null, context: { requestId: "req-note" } };
    const first = await addNote(w.companyId, { appointmentId: w.appointmentId, body: "  Kundin möchte Kaffee  ", authorUserId: newId() }, scope);
    expect(first).toMatchObject({ ok: true, note: { body: "Kundin möchte Kaffee", author: { id: w.adminId, name: "Anna Admin" } } });
    const colleague = await addUser(w, "Ben Kollege");
    const second = await addNote(w.companyId, { appointmentId: w.appointmentId, body: "Rückruf erledigt" }, { userId: colleague, branchIds: null });
    expect(second.ok).toBe(true);

    const notes = await listNotes(w.companyId, w.appointmentId, { branchIds: null });
    expect(notes?.map((n) => [n.body, n.author?.name])).toEqual([
      ["Kundin möchte Kaffee", "Anna Admin"],
      ["Rückruf erledigt", "Ben Kollege"],
    ]);
    if (!first.ok) return;
    const [audit] = await withCompany(w.companyId, (tx) => tx.select().from(auditLog).where(eq(auditLog.rowId, first.note.id)));
    expect(audit).toMatchObject({ action: "insert", actorUserId: w.adminId, requestId: "req-note" });
  });

  it("refuses empty, too long and malformed input with field codes, storing nothing", async () => {
    const w = await worldWithAppointment("Notizen");
    const scope = { userId: w.adminId, branchIds: null };
    expect(await addNote(w.companyId, { appointmentId: w.appointmentId, body: "   " }, scope)).toEqual({ ok: false, reason: "invalid", fieldErrors: { body: "required" } });
    expect(await addNote(w.companyId, { appointmentId: w.appointmentId }, scope)).toEqual({ ok: false, reason: "invalid", fieldErrors: { body: "required" } });
    expect(await addNote(w.companyId, { appointmentId: w.appointmentId, body: "x".repeat(MAX_NOTE_LENGTH + 1) }, scope)).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { body: "tooLong" },
    });
    expect(await addNote(w.companyId, { appointmentId: "nope", body: "Hallo" }, scope)).toEqual({ ok: false, reason: "not_found" });
    expect(await addNote(w.companyId, null, scope)).toMatchObject({ ok: false });
    expect(await listNotes(w.companyId, "nope", { branchIds: null })).toBeNull();
    expect(await deleteNote(w.companyId, "nope", scope)).toEqual({ ok: false, reason: "not_found" });
    expect(await storedNotes(w.companyId)).toHaveLength(0);
  });

  it("deletes the author's own note; another's only with mayDeleteAny", async () => {
    const w = await worldWithAppointment("Notizen");
    const colleague = await addUser(w, "Ben Kollege");
    const mine = await addNote(w.companyId, { appointmentId: w.appointmentId, body: "Meine" }, { userId: colleague, branchIds: null });
    const theirs = await addNote(w.companyId, { appointmentId: w.appointmentId, body: "Deren" }, { userId: w.adminId, branchIds: null });
    if (!mine.ok || !theirs.ok) throw new Error("setup");

    expect(await deleteNote(w.companyId, theirs.note.id, { userId: colleague, branchIds: null })).toEqual({ ok: false, reason: "forbidden" });
    expect(await deleteNote(w.companyId, mine.note.id, { userId: colleague, branchIds: null })).toEqual({ ok: true });
    expect(await deleteNote(w.companyId, mine.note.id, { userId: colleague, branchIds: null })).toEqual({ ok: false, reason: "not_found" });
    expect(await deleteNote(w.companyId, theirs.note.id, { userId: colleague, branchIds: null, mayDeleteAny: true })).toEqual({ ok: true });
    expect(await storedNotes(w.companyId)).toHaveLength(0);
  });

  it("company A cannot add to, list or delete notes of company B's appointment", async () => {
    const a = await worldWithAppointment("A");
    const b = await worldWithAppointment("B");
    const bNote = await addNote(b.companyId, { appointmentId: b.appointmentId, body: "Geheim" }, { userId: b.adminId, branchIds: null });
    if (!bNote.ok) throw new Error("setup");

    expect(await addNote(a.companyId, { appointmentId: b.appointmentId, body: "Eingeschleust" }, { userId: a.adminId, branchIds: null })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await listNotes(a.companyId, b.appointmentId, { branchIds: null })).toBeNull();
    expect(await deleteNote(a.companyId, bNote.note.id, { userId: a.adminId, branchIds: null, mayDeleteAny: true })).toEqual({ ok: false, reason: "not_found" });

    expect((await storedNotes(b.companyId)).map((n) => n.body)).toEqual(["Geheim"]);
    expect(await storedNotes(a.companyId)).toHaveLength(0);
  });

  it("limits notes to the actor's branches", async () => {
    const w = await worldWithAppointment("Filialen");
    const otherBranch = await withCompany(w.companyId, (tx) => insertBranch(tx, w.companyId));
    const note = await addNote(w.companyId, { appointmentId: w.appointmentId, body: "Hier" }, { userId: w.adminId, branchIds: [w.branchId] });
    if (!note.ok) throw new Error("setup");
    const elsewhere = { userId: w.adminId, branchIds: [otherBranch], mayDeleteAny: true };

    expect(await addNote(w.companyId, { appointmentId: w.appointmentId, body: "Dort" }, elsewhere)).toEqual({ ok: false, reason: "not_found" });
    expect(await listNotes(w.companyId, w.appointmentId, elsewhere)).toBeNull();
    expect(await listNotes(w.companyId, w.appointmentId, { branchIds: [] })).toBeNull();
    expect(await deleteNote(w.companyId, note.note.id, elsewhere)).toEqual({ ok: false, reason: "not_found" });
    expect(await listNotes(w.companyId, w.appointmentId, { branchIds: [w.branchId] })).toHaveLength(1);
  });
});
