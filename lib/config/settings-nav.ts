// The settings area's tabs, as data. Each tab names the permission its page requires, so the
// tabs a role cannot open are not shown (the page still checks for itself).
export type SettingsTabKey =
  | "profile"
  | "twoFactor"
  | "sessions"
  | "users"
  | "apiTokens"
  | "permissions"
  | "security"
  | "audit"
  | "flags"
  | "webhooks";

export type SettingsTab = { key: SettingsTabKey; href: `/settings${string}`; labelKey: `settingsNav.${SettingsTabKey}` };

export const settingsTabs = [
  { key: "profile", href: "/settings", labelKey: "settingsNav.profile" },
  { key: "twoFactor", href: "/settings/two-factor", labelKey: "settingsNav.twoFactor" },
  { key: "sessions", href: "/settings/sessions", labelKey: "settingsNav.sessions" },
  { key: "users", href: "/settings/users", labelKey: "settingsNav.users" },
  { key: "apiTokens", href: "/settings/api-tokens", labelKey: "settingsNav.apiTokens" },
  { key: "permissions", href: "/settings/permissions", labelKey: "settingsNav.permissions" },
  { key: "security", href: "/settings/security", labelKey: "settingsNav.security" },
  { key: "audit", href: "/settings/audit", labelKey: "settingsNav.audit" },
  { key: "flags", href: "/settings/flags", labelKey: "settingsNav.flags" },
  { key: "webhooks", href: "/settings/webhooks", labelKey: "settingsNav.webhooks" },
] as const satisfies readonly SettingsTab[];
