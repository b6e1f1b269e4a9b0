import { describe, expect, it } from "vitest";
import { auditChanges, displayValue } from "./changes";
import { auditFiltersSchema, auditSearchParams } from "./filters";

describe("auditChanges", () => {
  it("an insert lists the set fields of the new row, without bookkeeping columns", () => {
    expect(
      auditChanges({
        oldValues: null,
        newValues: { id: "x", company_id: "c", created_at: "t", updated_at: "t", email: "[redacted]", phone: null, locale: "de" },
      }),
    ).toEqual([
      { field: "email", new: "[redacted]" },
      { field: "locale", new: "de" },
    ]);
  });

  it("an update lists old → new of the changed columns, redacted ones included", () => {
    expect(
      auditChanges({ oldValues: { locale: "de", email: "[redacted]", notes: null }, newValues: { locale: "en", email: "[redacted]", notes: "[redacted]" } }),
    ).toEqual([
      { field: "email", old: "[redacted]", new: "[redacted]" },
      { field: "locale", old: "de", new: "en" },
      { field: "notes", old: "∅", new: "[redacted]" },
    ]);
  });

  it("a delete lists the old row", () => {
    expect(auditChanges({ oldValues: { name: "Filiale", deleted_at: null }, newValues: null })).toEqual([
      { field: "name", old: "Filiale" },
    ]);
  });

  it("shows objects as JSON and cuts long values", () => {
    expect(displayValue({ a: 1 })).toBe('{"a":1}');
    expect(displayValue(true)).toBe("true");
    expect(displayValue("x".repeat(200))).toHaveLength(80);
  });
});

describe("audit filters", () => {
  it("keeps valid search params and drops malformed ones", () => {
    expect(
      auditFiltersSchema.parse({ table: "customers", row: " abc ", user: "01a20000-0000-7000-8000-000000000001", before: "42" }),
    ).toEqual({ table: "customers", row: "abc", user: "01a20000-0000-7000-8000-000000000001", before: 42 });
    expect(auditFiltersSchema.parse({ table: "x; drop", user: "nope", before: "-1", row: "" })).toEqual({});
    expect(auditSearchParams({ table: "staff", before: 7 }).toString()).toBe("table=staff&before=7");
  });
});
