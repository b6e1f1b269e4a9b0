import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { staff } from "./schema";
import { anyUuid, MAX_PREPARED_PARAMETERS, MAX_PREPARED_TEXT, shouldPrepare } from "./prepared";

// The server suite (TEST_DATABASE_URL) runs every query of the code base through preparing();
// these pin down which statements it names and the one-parameter id list.

describe("shouldPrepare", () => {
  it("prepares parameterized statements of ordinary size, never parameterless or bulk ones", () => {
    expect(shouldPrepare("select 1 where $1 = 1", [1])).toBe(true);
    expect(shouldPrepare("begin", [])).toBe(false);
    expect(shouldPrepare("select 1", undefined)).toBe(false);
    expect(shouldPrepare("insert …", Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, () => 1))).toBe(false);
    expect(shouldPrepare("x".repeat(MAX_PREPARED_TEXT + 1), [1])).toBe(false);
  });
});

describe("anyUuid", () => {
  const dialect = new PgDialect({ casing: "snake_case" });
  const ids = ["019e0950-bb5f-71d3-b38d-1c45d1d641d6", "01a20f48-9c88-7013-9380-3d1cf65e5271"];

  it("is one array parameter whatever the number of ids", () => {
    const query = dialect.sqlToQuery(sql`select 1 from ${staff} where ${anyUuid(staff.id, ids)}`);
    expect(query.sql).toBe('select 1 from "staff" where "staff"."id" = any($1::uuid[])');
    expect(query.params).toEqual([`{${ids.join(",")}}`]);
    expect(dialect.sqlToQuery(sql`${anyUuid(staff.id, [])}`).params).toEqual(["{}"]);
  });

  it("refuses anything but UUIDs (the array literal is not quoted)", () => {
    expect(() => anyUuid(staff.id, ["a,b"])).toThrow(TypeError);
    expect(() => anyUuid(staff.id, ['"}'])).toThrow(TypeError);
  });
});
