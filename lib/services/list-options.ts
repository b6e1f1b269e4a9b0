// The services list's sorts and filter values: shared by the server query (./list.ts) and the URL
// parsers the client table uses, so this file must stay free of server imports.

export const SERVICE_SORTS = [
  "category.asc",
  "category.desc",
  "name.asc",
  "name.desc",
  "duration.asc",
  "duration.desc",
  "price.asc",
  "price.desc",
] as const;
export type ServiceSort = (typeof SERVICE_SORTS)[number];
/** Category order, then each category's own order: how the booking form and the agent list them. */
export const DEFAULT_SERVICE_SORT: ServiceSort = "category.asc";

export const SERVICE_STATUSES = ["active", "inactive", "deleted"] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const SERVICE_CHANNELS = ["phone", "online"] as const;
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];

/** The category filter's value for services without a category. */
export const NO_CATEGORY = "none";
/** The branch filter's value for company-wide services (offered in every branch). */
export const ALL_BRANCHES = "all";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A category filter value: a category id or NO_CATEGORY. */
export const isCategoryFilterValue = (value: string) => value === NO_CATEGORY || UUID.test(value);
/** A branch filter value: a branch id or ALL_BRANCHES. */
export const isBranchFilterValue = (value: string) => value === ALL_BRANCHES || UUID.test(value);
