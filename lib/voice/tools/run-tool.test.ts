import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { branchClosures, branches, services } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { insertBranch, insertCustomer, testPhoneNumber } from "@/db/testing/rows";
import { eraseCustomer } from "@/lib/customers/erase-customer";
import { runTool } from "./run-tool";
import { bookDirectly, contextOf, createVoiceWorld } from "./testing";

// The dispatcher and the read-only tools on the real database: the envelope, name mapping,
// missing arguments named, speakable German/English answers, and tenancy — a context of company
// A never sees company B's customers, appointments or services, whatever number or id it holds.

describe("runTool: dispatch", () => {
  it("maps versioned and differently spelled names to the tool, and times the run", async () => {
    const w = await createVoiceWorld("Dispatch");
    for (const name of ["get_context", "get_context_v17", "Get-Context-V2", " get_context "]) {
      const run = await runTool(name, {}, contextOf(w));
      expect(run).toMatchObject({ tool: "get_context", requestedName: name, outcome: "ok", result: { ok: true } });
      expect(run.latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("answers an unknown tool with a speakable error, never a throw", async () => {
    const w = await createVoiceWorld("Unknown tool");
    for (const name of ["transfer_money", "", 42, null, "x".repeat(100)]) {
      const run = await runTool(name, {}, contextOf(w));
      expect(run).toMatchObject({ tool: null, outcome: "domain_error", result: { ok: false, error: { code: "unknown_tool" } } });
    }
    const en = await runTool("delete_everything", {}, contextOf(w, { locale: "en" }));
    expect(en.result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Sorry, I can't do that/) } });
  });

  it("every writing tool is available under its versioned name (writing-tools.test.ts tests them)", async () => {
    const w = await createVoiceWorld("Writing tools");
    for (const name of ["book_appointment_v17", "cancel_appointment_v2", "reschedule_appointment_v3", "request_callback_v4"]) {
      const run = await runTool(name, {}, contextOf(w));
      expect(run.result, name).not.toMatchObject({ ok: false, error: { code: "not_available" } });
      expect(run.result, name).not.toMatchObject({ ok: false, error: { code: "unknown_tool" } });
    }
  });

  it("names missing arguments and reads non-objects as no arguments", async () => {
    const w = await createVoiceWorld("Args");
    const missing = await runTool("check_availability", { service: "  ", staff: null }, contextOf(w));
    expect(missing).toMatchObject({
      outcome: "invalid_args",
      result: { ok: false, error: { code: "invalid_args", missing: ["service", "date_phrase"], message: "Dafür brauche ich noch die gewünschte Leistung und den gewünschten Tag." } },
    });
    for (const args of [null, "service=x", [1, 2]]) {
      expect((await runTool("check_availability_v3", args, contextOf(w))).result).toMatchObject({ error: { code: "invalid_args", missing: ["service", "date_phrase"] } });
    }
    const invalid = await runTool("check_availability", { service: "Damenhaarschnitt", starts_at: "morgen um 10" }, contextOf(w, { locale: "en" }));
    expect(invalid).toMatchObject({ outcome: "invalid_args", result: { error: { code: "invalid_args", invalid: ["starts_at"], message: "I didn't quite get the time you'd like." } } });
    expect((await runTool("opening_hours", { date_phrase: { day: "monday" } }, contextOf(w))).result).toMatchObject({ error: { code: "invalid_args", invalid: ["date_phrase"] } });
  });

  it("a failing tool is an internal error with a speakable message (outcome error)", async () => {
    const w = await createVoiceWorld("Failure");
    const run = await runTool("get_context", {}, contextOf(w, { companyId: "not-a-uuid" }));
    expect(run).toMatchObject({ outcome: "error", result: { ok: false, error: { code: "internal_error" } } });
    expect(run.cause).toBeInstanceOf(Error);
  });
});

describe("get_context", () => {
  it("tells branch, company, today and opening hours, and whether the caller is known", async () => {
    const w = await createVoiceWorld("Kontext");
    const run = await runTool("get_context", {}, contextOf(w));
    expect(run.result).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Sie sind verbunden mit Schnittkunst Mitte von Kontext .+\. Heute ist Mittwoch, 10\. März, es ist 10:15 Uhr\. Heute haben wir von 9 bis 18 Uhr geöffnet\.$/),
      data: { branch_name: "Schnittkunst Mitte", today: "2027-03-10", weekday: "Mittwoch", time: "10:15", open_today: true, caller_known: true, caller_name: "Anna Becker" },
    });
    const en = await runTool("get_context", {}, contextOf(w, { locale: "en", fromNumber: null, now: new Date("2027-03-14T10:00:00Z") }));
    expect(en.result).toMatchObject({ ok: true, message: expect.stringContaining("Today is Sunday, March 14, it is 11 am. We are closed today."), data: { caller_known: false, open_today: false } });
  });

  it("refuses a branch of another company or an inactive one", async () => {
    const a = await createVoiceWorld("Kontext A");
    const b = await createVoiceWorld("Kontext B");
    expect((await runTool("get_context", {}, contextOf(a, { branchId: b.branchId }))).result).toMatchObject({ ok: false, error: { code: "branch_unavailable" } });
    await withCompany(a.companyId, (tx) => tx.update(branches).set({ isActive: false }).where(eq(branches.id, a.branchId)));
    expect((await runTool("list_services", {}, contextOf(a))).result).toMatchObject({ ok: false, error: { code: "branch_unavailable" } });
  });
});

describe("check_customer", () => {
  it("knows the caller and counts only upcoming active appointments", async () => {
    const w = await createVoiceWorld("Kunde");
    await bookDirectly(w, new Date("2027-03-11T13:30:00Z"));
    await bookDirectly(w, new Date("2027-03-12T09:00:00Z"));
    await bookDirectly(w, new Date("2027-03-15T09:00:00Z"), { status: "cancelled" });
    await bookDirectly(w, new Date("2027-03-01T09:00:00Z"));
    const run = await runTool("check_customer", {}, contextOf(w));
    expect(run.result).toEqual({
      ok: true,
      message: "Ich habe Sie gefunden: Anna Becker. Sie haben 2 anstehende Termine.",
      data: { known: true, name: "Anna Becker", names: ["Anna Becker"], upcoming_appointments: 2 },
    });
  });

  it("says so for an unknown, withheld or erased caller", async () => {
    const w = await createVoiceWorld("Kunde unbekannt");
    expect((await runTool("check_customer", {}, contextOf(w, { fromNumber: testPhoneNumber() }))).result).toMatchObject({ ok: true, message: "Unter Ihrer Rufnummer finde ich noch keinen Eintrag.", data: { known: false } });
    expect((await runTool("check_customer", {}, contextOf(w, { fromNumber: null, locale: "en" }))).result).toMatchObject({ ok: true, message: "Your number is withheld, so I can't look you up.", data: { known: false } });
    await eraseCustomer(w.companyId, w.customerId);
    expect((await runTool("check_customer", {}, contextOf(w))).result).toMatchObject({ data: { known: false } });
  });
});

describe("list_services", () => {
  it("lists what is bookable by phone at the branch, with duration and price spoken", async () => {
    const w = await createVoiceWorld("Leistungen");
    await withCompany(w.companyId, async (tx) => {
      const elsewhere = await insertBranch(tx, w.companyId);
      await tx.insert(services).values([
        { id: newId(), companyId: w.companyId, branchId: elsewhere, name: "Nur anderswo", durationMinutes: 30, priceCents: 1000 },
        { id: newId(), companyId: w.companyId, branchId: w.branchId, name: "Bartpflege", durationMinutes: 20, priceCents: 1200, sortOrder: 4 },
        { id: newId(), companyId: w.companyId, name: "Inaktiv", durationMinutes: 20, priceCents: 1200, isActive: false },
      ]);
    });
    const run = await runTool("list_services", {}, contextOf(w));
    expect(run.result).toMatchObject({
      ok: true,
      message: "Wir bieten an: Damenhaarschnitt, 45 Minuten, 35 Euro 50; Herrenhaarschnitt, 30 Minuten, 25 Euro; Bartpflege, 20 Minuten, 12 Euro.",
    });
    const en = await runTool("list_services", {}, contextOf(w, { locale: "en" }));
    expect(en.result).toMatchObject({ ok: true, message: "We offer: Damenhaarschnitt, 45 minutes, 35 euros 50; Herrenhaarschnitt, 30 minutes, 25 euros; Bartpflege, 20 minutes, 12 euros." });
    const data = (run.result as { data: { services: { name: string; price_cents: number }[] } }).data;
    expect(data.services.map((s) => s.name)).toEqual(["Damenhaarschnitt", "Herrenhaarschnitt", "Bartpflege"]);
  });
});

describe("opening_hours", () => {
  it("says the week, grouping days with the same hours", async () => {
    const w = await createVoiceWorld("Zeiten");
    expect((await runTool("opening_hours", {}, contextOf(w))).result).toMatchObject({
      ok: true,
      message: "Unsere Öffnungszeiten: Montag bis Freitag von 9 bis 18 Uhr; Samstag von 10 bis 14 Uhr; Sonntag geschlossen.",
    });
    expect((await runTool("opening_hours", { date_phrase: "" }, contextOf(w, { locale: "en" }))).result).toMatchObject({
      message: "Our opening hours: Monday to Friday from 9 am to 6 pm; Saturday from 10 am to 2 pm; Sunday closed.",
    });
  });

  it("says one day, closing days with their reason, and refuses the past or nonsense", async () => {
    const w = await createVoiceWorld("Zeiten Tag");
    await withCompany(w.companyId, (tx) => tx.insert(branchClosures).values({ companyId: w.companyId, branchId: w.branchId, date: "2027-03-12", reason: "Fortbildung" }));
    const day = (date_phrase: string, locale: "de" | "en" = "de") => runTool("opening_hours", { date_phrase }, contextOf(w, { locale })).then((r) => r.result);
    expect(await day("morgen")).toMatchObject({ ok: true, message: "Am Donnerstag, 11. März haben wir von 9 bis 18 Uhr geöffnet.", data: { date: "2027-03-11", open: true } });
    expect(await day("Samstag", "en")).toMatchObject({ ok: true, message: "On Saturday, March 13 we are open from 10 am to 2 pm." });
    expect(await day("Sonntag")).toMatchObject({ ok: true, message: "Am Sonntag, 14. März haben wir geschlossen.", data: { open: false } });
    expect(await day("übermorgen")).toMatchObject({ ok: true, message: "Am Freitag, 12. März haben wir geschlossen (Fortbildung).", data: { open: false, closure: { reason: "Fortbildung" } } });
    expect(await day("diese Woche")).toMatchObject({ ok: true, message: expect.stringContaining("Am Freitag, 12. März haben wir geschlossen (Fortbildung).") });
    expect(await day("gestern")).toMatchObject({ ok: false, error: { code: "in_the_past", message: expect.stringContaining("Vergangenheit") } });
    expect(await day("irgendwann mal")).toMatchObject({ ok: false, error: { code: "unparseable_date" } });
  });
});

describe("find_appointments", () => {
  it("lists only the caller's own upcoming appointments", async () => {
    const w = await createVoiceWorld("Termine");
    const someoneElse = await withCompany(w.companyId, (tx) => insertCustomer(tx, w.companyId));
    await bookDirectly(w, new Date("2027-03-11T13:30:00Z"));
    await bookDirectly(w, new Date("2027-03-11T15:00:00Z"), { customerId: someoneElse });
    await bookDirectly(w, new Date("2027-03-09T13:30:00Z"));
    await bookDirectly(w, new Date("2027-03-16T09:00:00Z"), { status: "cancelled" });
    const run = await runTool("find_appointments", {}, contextOf(w));
    expect(run.result).toMatchObject({
      ok: true,
      message: "Ihr nächster Termin: Damenhaarschnitt am Donnerstag, 11. März um 14:30 Uhr bei Lena.",
      data: { caller_known: true, appointments: [{ starts_at: "2027-03-11T14:30:00+01:00", service: "Damenhaarschnitt", staff: "Lena", other_branch: false }] },
    });
    const en = await runTool("find_appointments_v2", {}, contextOf(w, { locale: "en" }));
    expect(en.result).toMatchObject({ message: "Your next appointment: Damenhaarschnitt on Thursday, March 11 at 2:30 pm with Lena." });
  });

  it("has nothing for an unknown or withheld number", async () => {
    const w = await createVoiceWorld("Termine leer");
    await bookDirectly(w, new Date("2027-03-11T13:30:00Z"));
    expect((await runTool("find_appointments", {}, contextOf(w, { fromNumber: testPhoneNumber() }))).result).toMatchObject({
      ok: true,
      message: "Unter Ihrer Rufnummer finde ich keine anstehenden Termine.",
      data: { caller_known: false, appointments: [] },
    });
    expect((await runTool("find_appointments", {}, contextOf(w, { fromNumber: null }))).result).toMatchObject({ ok: true, data: { appointments: [] } });
  });
});

describe("tenancy", () => {
  it("a context of company A never sees company B's customers, appointments or services", async () => {
    const a = await createVoiceWorld("Mandant A");
    const b = await createVoiceWorld("Mandant B");
    await bookDirectly(b, new Date(Date.UTC(2027, 2, 11, 9)));
    // A's context holding B's caller number.
    const withBNumber = contextOf(a, { fromNumber: b.callerNumber });
    expect((await runTool("check_customer", {}, withBNumber)).result).toMatchObject({ data: { known: false } });
    expect((await runTool("find_appointments", {}, withBNumber)).result).toMatchObject({ data: { appointments: [] } });
    expect((await runTool("get_context", {}, withBNumber)).result).toMatchObject({ data: { caller_known: false } });
    // B's ids.
    expect((await runTool("check_availability", { service: b.ladies, date_phrase: "morgen" }, contextOf(a))).result).toMatchObject({ ok: false, error: { code: "service_not_found" } });
    expect((await runTool("list_services", {}, contextOf(a, { branchId: b.branchId }))).result).toMatchObject({ ok: false, error: { code: "branch_unavailable" } });
    await withCompany(b.companyId, (tx) => tx.insert(services).values({ id: newId(), companyId: b.companyId, name: "Nur bei B", durationMinutes: 30, priceCents: 100 }));
    const listed = await runTool("list_services", {}, contextOf(a));
    expect(JSON.stringify(listed.result)).not.toContain("Nur bei B");
    // B's own context does see them.
    expect((await runTool("find_appointments", {}, contextOf(b))).result).toMatchObject({ data: { caller_known: true, appointments: [{ service: "Damenhaarschnitt" }] } });
  });
});
