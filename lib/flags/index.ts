import "server-only";

// Feature flags: `await isEnabled("dashboard.upcoming_appointments", companyId)`.
export { isEnabled, getFlagStates, type FlagState, type CompanyFlags } from "./queries";
export { setFlagOverride, createFlagDefinition, updateFlagDefinition, type FlagChangeResult } from "./change-flags";
export { clearFlagCache, invalidateFlagDefinition, invalidateFlagOverride, FLAG_CACHE_TTL_MS } from "./cache";
export { FLAG_KEYS, type FlagKey, isRegisteredFlag } from "./registry";
