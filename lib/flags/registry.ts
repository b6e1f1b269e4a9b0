// The feature flags the code asks about. isEnabled() takes only these keys, so a typo fails the
// type check instead of silently reading an unknown (and therefore disabled) flag.
//
// A flag here still needs its definition row in feature_flags (the seed creates these; in
// production a platform admin creates it on /settings/flags before the code ships): a key the
// database does not know is off for everyone, and isEnabled logs that once per process.
// Platform admins may define further flags on the page; the code cannot ask for those until
// they are added here.

export const FLAG_REGISTRY = {
  /** The voice agent books straight into the calendar instead of leaving a callback request. */
  "voice.live_booking": { area: "voice" },
  /** Scheduled reports are mailed regularly. */
  "reports.scheduled_email": { area: "reports" },
  /** The dashboard's "upcoming appointments" card (and its query). */
  "dashboard.upcoming_appointments": { area: "dashboard" },
} as const satisfies Record<string, { area: string }>;

export type FlagKey = keyof typeof FLAG_REGISTRY;

export const FLAG_KEYS = Object.keys(FLAG_REGISTRY) as FlagKey[];

export function isRegisteredFlag(key: string): key is FlagKey {
  return Object.hasOwn(FLAG_REGISTRY, key);
}

/** The key format, as the feature_flags_key_check constraint has it. */
export const FLAG_KEY_PATTERN = /^[a-z][a-z0-9_.-]{1,62}$/;

/** The longest description a definition may have. */
export const MAX_DESCRIPTION = 500;
