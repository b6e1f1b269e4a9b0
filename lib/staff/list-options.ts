// The staff list's sorts and status filter values: shared by the server query (./list.ts) and the
// URL parsers the client table uses, so this file must stay free of server imports.

export const STAFF_SORTS = ["name.asc", "name.desc"] as const;
export type StaffSort = (typeof STAFF_SORTS)[number];
export const STAFF_STATUSES = ["active", "inactive", "deleted"] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];
