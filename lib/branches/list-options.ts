// The branches list's sorts and status filter values: shared by the server query (./list.ts) and
// the URL parsers the client table uses, so this file must stay free of server imports.

export const BRANCH_SORTS = ["name.asc", "name.desc", "city.asc", "city.desc"] as const;
export type BranchSort = (typeof BRANCH_SORTS)[number];
export const BRANCH_STATUSES = ["active", "inactive", "deleted"] as const;
export type BranchStatus = (typeof BRANCH_STATUSES)[number];
