import { describe, expect, it } from "vitest";
import { withCompany } from "@/db";
import { services } from "@/db/schema";
import { newId } from "@/db/schema/_columns";
import { runTool } from "./run-tool";
import { bookDirectly, contextOf, createVoiceWorld, type VoiceWorld } from "./testing";
import type { ToolContext } from "./types";

// check_availability on the real database, in the branch's zone: the salon is open Mon–Fri 9–18,
// Sat 10–14, Sunday closed; Lena works Mon–Sat 9–18; "now" is Wednesday 10 March 2027, 10:15.

// One call per world: each check holds the slot it offers for its call (./holds.ts), which a
// second call would then not be offered (writing-tools.test.ts tests that).
const callOf = new WeakMap<VoiceWorld, string>();
const check = async (w: VoiceWorld, args: Record<string, unknown>, ctx: Partial<ToolContext> = {}) => {
  if (!callOf.has(w)) callOf.set(w, contextOf(w).callId);
  return (await runTool("check_availability", args, contextOf(w, { callId: callOf.get(w)!, ...ctx }))).result;
};

describe("check_availability", () => {
  it("confirms a free requested slot, from a phrase or an ISO instant, in German and English", async () => {
    const w = await createVoiceWorld("Frei");
    expect(await check(w, { service: "Damenhaarschnitt", date_phrase: "morgen um halb drei" })).toEqual({
      ok: true,
      message: "Donnerstag, 11. März um 14:30 Uhr ist frei.",
      data: {
        available: true,
        reason: null,
        service: { id: w.ladies, name: "Damenhaarschnitt", duration_minutes: 45 },
        staff: null,
        requested: { starts_at: "2027-03-11T14:30:00+01:00", spoken: "Donnerstag, 11. März um 14:30 Uhr" },
        slots: [{ starts_at: "2027-03-11T14:30:00+01:00", ends_at: "2027-03-11T15:15:00+01:00", spoken: "Donnerstag, 11. März um 14:30 Uhr", staff: "Lena" }],
      },
    });
    expect(await check(w, { service: "Damenhaarschnitt", starts_at: "2027-03-11T13:30:00Z" })).toMatchObject({ ok: true, data: { available: true } });
    expect(await check(w, { service: "ladies", date_phrase: "tomorrow at 2:30 pm" }, { locale: "en" })).toMatchObject({ ok: false, error: { code: "service_not_found" } });
    expect(await check(w, { service: "Damenhaarschnitt", date_phrase: "tomorrow at 2:30 pm" }, { locale: "en" })).toMatchObject({
      ok: true,
      message: "Thursday, March 11 at 2:30 pm is free.",
    });
  });

  it("offers the three nearest free starts when the requested one is taken", async () => {
    const w = await createVoiceWorld("Belegt");
    await bookDirectly(w, new Date("2027-03-11T13:30:00Z")); // 14:30–15:15 local
    const result = await check(w, { service: "Damenhaarschnitt", date_phrase: "morgen um 14:30" });
    expect(result).toMatchObject({
      ok: true,
      message: "Donnerstag, 11. März um 14:30 Uhr ist leider schon vergeben. Frei wäre Donnerstag, 11. März um 13:30 Uhr, 13:45 Uhr oder 15:15 Uhr.",
      data: { available: false, reason: "taken" },
    });
    const slots = (result as { data: { slots: { starts_at: string }[] } }).data.slots;
    expect(slots.map((s) => s.starts_at)).toEqual(["2027-03-11T13:30:00+01:00", "2027-03-11T13:45:00+01:00", "2027-03-11T15:15:00+01:00"]);
  });

  it("outside opening hours the requested time is not possible (not 'taken')", async () => {
    const w = await createVoiceWorld("Samstag");
    expect(await check(w, { service: "Herrenhaarschnitt", date_phrase: "Samstag um 15 Uhr" })).toMatchObject({
      ok: true,
      message: "Samstag, 13. März um 15 Uhr ist leider nicht möglich. Frei wäre Samstag, 13. März um 13 Uhr, 13:15 Uhr oder 13:30 Uhr.",
      data: { available: false, reason: "unavailable" },
    });
  });

  it("gives the first free starts of a window, and the next ones after it when it has none", async () => {
    const w = await createVoiceWorld("Fenster");
    expect(await check(w, { service: "Herrenhaarschnitt", date_phrase: "morgen Nachmittag" })).toMatchObject({
      ok: true,
      message: "Frei wäre Donnerstag, 11. März um 12 Uhr, 12:15 Uhr oder 12:30 Uhr.",
      data: { available: true, requested: null },
    });
    // Lena is booked all Thursday afternoon: the next afternoon slots follow, on Friday.
    await bookDirectly(w, new Date("2027-03-11T11:00:00Z"), { minutes: 6 * 60 });
    expect(await check(w, { service: "Herrenhaarschnitt", date_phrase: "morgen Nachmittag" })).toMatchObject({
      ok: true,
      message: "Zu dieser Zeit ist leider nichts frei. Der nächste freie Termin wäre Freitag, 12. März um 12 Uhr, 12:15 Uhr oder 12:30 Uhr.",
      data: { available: false, reason: "none_in_window" },
    });
  });

  it("on a day the branch is closed, says so and offers the next open day", async () => {
    const w = await createVoiceWorld("Sonntag");
    const closed = "Am Sonntag, 14. März haben wir geschlossen. Frei wäre Montag, 15. März um 9 Uhr, 9:15 Uhr oder 9:30 Uhr.";
    expect(await check(w, { service: "Herrenhaarschnitt", date_phrase: "Sonntag" })).toMatchObject({ ok: true, message: closed, data: { available: false, reason: "closed" } });
    expect(await check(w, { service: "Herrenhaarschnitt", date_phrase: "Sonntag um 11" })).toMatchObject({ ok: true, message: closed, data: { reason: "closed" } });
    expect(await check(w, { service: "Herrenhaarschnitt", date_phrase: "on Sunday" }, { locale: "en" })).toMatchObject({
      message: "On Sunday, March 14 we are closed. Free would be Monday, March 15 at 9 am, 9:15 am or 9:30 am.",
    });
  });

  it("refuses a time in the past and a phrase it cannot read, speakably", async () => {
    const w = await createVoiceWorld("Vergangen");
    for (const args of [{ date_phrase: "gestern um 10" }, { date_phrase: "heute um 9" }, { starts_at: "2027-03-09T10:00:00+01:00" }]) {
      expect(await check(w, { service: "Herrenhaarschnitt", ...args })).toMatchObject({
        ok: false,
        error: { code: "in_the_past", message: "Dieser Zeitpunkt liegt schon in der Vergangenheit. Für wann darf ich nachsehen?" },
      });
    }
    expect(await check(w, { service: "Herrenhaarschnitt", date_phrase: "wenn es passt" })).toMatchObject({ ok: false, error: { code: "unparseable_date" } });
    expect(await check(w, { service: "Herrenhaarschnitt", date_phrase: "last Tuesday" }, { locale: "en" })).toMatchObject({
      ok: false,
      error: { code: "in_the_past", message: "That time is already in the past. When should I check instead?" },
    });
  });

  it("reads local times across the switch to summer time (Europe/Berlin)", async () => {
    const w = await createVoiceWorld("Sommerzeit");
    const friday = new Date("2027-03-26T09:00:00Z"); // Fri 10:00 CET; clocks go forward on Sunday 28 March
    expect(await check(w, { service: "Damenhaarschnitt", date_phrase: "Montag um 10" }, { now: friday })).toMatchObject({
      ok: true,
      message: "Montag, 29. März um 10 Uhr ist frei.",
      data: { requested: { starts_at: "2027-03-29T10:00:00+02:00" }, slots: [{ starts_at: "2027-03-29T10:00:00+02:00" }] },
    });
    await bookDirectly(w, new Date("2027-03-29T08:00:00Z")); // 10:00–10:45 CEST
    expect(await check(w, { service: "Damenhaarschnitt", date_phrase: "Montag um 10" }, { now: friday })).toMatchObject({
      ok: true,
      message: "Montag, 29. März um 10 Uhr ist leider schon vergeben. Frei wäre Montag, 29. März um 9 Uhr, 9:15 Uhr oder 10:45 Uhr.",
      data: { reason: "taken", slots: [{ starts_at: "2027-03-29T09:00:00+02:00" }, { starts_at: "2027-03-29T09:15:00+02:00" }, { starts_at: "2027-03-29T10:45:00+02:00" }] },
    });
  });

  it("matches the service loosely, asks back when ambiguous, and knows only phone-bookable ones", async () => {
    const w = await createVoiceWorld("Leistung");
    expect(await check(w, { service: "Herrenschnitt", date_phrase: "morgen um 10" })).toMatchObject({ ok: true, data: { service: { name: "Herrenhaarschnitt" } } });
    expect(await check(w, { service: "damen haarschnitt", date_phrase: "morgen um 10" })).toMatchObject({ ok: true, data: { service: { name: "Damenhaarschnitt" } } });
    expect(await check(w, { service: w.gents, date_phrase: "morgen um 10" })).toMatchObject({ ok: true, data: { service: { id: w.gents } } });
    expect(await check(w, { service: "Haarschnitt", date_phrase: "morgen um 10" })).toEqual({
      ok: false,
      error: { code: "ambiguous_service", message: "Meinen Sie Damenhaarschnitt oder Herrenhaarschnitt?", options: ["Damenhaarschnitt", "Herrenhaarschnitt"] },
    });
    expect(await check(w, { service: "Färben", date_phrase: "morgen um 10" })).toMatchObject({
      ok: false,
      error: { code: "service_not_found", message: "Die Leistung „Färben\" finde ich leider nicht. Wir bieten zum Beispiel Damenhaarschnitt und Herrenhaarschnitt an." },
    });
    await withCompany(w.companyId, (tx) => tx.insert(services).values({ id: newId(), companyId: w.companyId, name: "Massage", durationMinutes: 30, priceCents: 100 }));
    // Offered, but nobody performs it: nothing free.
    expect(await check(w, { service: "Massage", date_phrase: "morgen" })).toMatchObject({ ok: true, message: "In den nächsten zwei Wochen ist dafür leider nichts frei.", data: { available: false, slots: [] } });
  });

  it("takes a staff member by name and refuses one who does not do it here", async () => {
    const w = await createVoiceWorld("Mitarbeiter");
    expect(await check(w, { service: "Herrenhaarschnitt", staff: "lena", date_phrase: "morgen um 10" })).toMatchObject({
      ok: true,
      message: "Donnerstag, 11. März um 10 Uhr ist frei bei Lena.",
      data: { staff: "Lena" },
    });
    expect(await check(w, { service: "Herrenhaarschnitt", staff: "Lena Vogel", date_phrase: "morgen um 10" })).toMatchObject({ ok: true, data: { staff: "Lena" } });
    expect(await check(w, { service: "Herrenhaarschnitt", staff: "Max", date_phrase: "morgen um 10" })).toEqual({
      ok: false,
      error: { code: "staff_not_found", message: "Max finde ich für diese Leistung hier nicht. Möglich ist Lena.", options: ["Lena"] },
    });
  });
});
