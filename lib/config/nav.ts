import {
  CalendarDays,
  Contact,
  Hash,
  LayoutDashboard,
  type LucideIcon,
  PhoneCall,
  PhoneOutgoing,
  Building2,
  ReceiptText,
  Scissors,
  Settings,
  Store,
  Users,
} from "lucide-react";

// Navigation as data: the sidebar, the mobile drawer and the top bar's title all read this list.
// A section whose issue has not landed yet is "coming" and names that issue (a key into
// messages.issues); its page shows the coming-soon state instead of a fake table.

export type NavKey =
  | "dashboard"
  | "appointments"
  | "calls"
  | "customers"
  | "staff"
  | "services"
  | "branches"
  | "phoneNumbers"
  | "callbacks"
  | "invoices"
  | "companies"
  | "settings";

/** The issues that bring the sections that are not there yet (labels in messages.issues). */
export type IssueKey = "portal" | "voice" | "identity" | "billing";

export type NavItem = {
  key: NavKey;
  href: `/${string}`;
  icon: LucideIcon;
  /** Message key of the section's name. */
  labelKey: `nav.${NavKey}`;
  /** Which group of the sidebar it sits in. */
  group: "overview" | "business" | "telephony" | "admin";
} & ({ status: "ready"; issue?: never } | { status: "coming"; issue: IssueKey });

export const navItems = [
  { key: "dashboard", href: "/dashboard", icon: LayoutDashboard, labelKey: "nav.dashboard", group: "overview", status: "ready" },
  { key: "appointments", href: "/appointments", icon: CalendarDays, labelKey: "nav.appointments", group: "business", status: "ready" },
  { key: "customers", href: "/customers", icon: Contact, labelKey: "nav.customers", group: "business", status: "ready" },
  { key: "staff", href: "/staff", icon: Users, labelKey: "nav.staff", group: "business", status: "ready" },
  { key: "services", href: "/services", icon: Scissors, labelKey: "nav.services", group: "business", status: "ready" },
  { key: "branches", href: "/branches", icon: Store, labelKey: "nav.branches", group: "business", status: "ready" },
  { key: "calls", href: "/calls", icon: PhoneCall, labelKey: "nav.calls", group: "telephony", status: "ready" },
  { key: "callbacks", href: "/callbacks", icon: PhoneOutgoing, labelKey: "nav.callbacks", group: "telephony", status: "ready" },
  { key: "phoneNumbers", href: "/phone-numbers", icon: Hash, labelKey: "nav.phoneNumbers", group: "telephony", status: "ready" },
  { key: "invoices", href: "/invoices", icon: ReceiptText, labelKey: "nav.invoices", group: "admin", status: "coming", issue: "billing" },
  { key: "companies", href: "/companies", icon: Building2, labelKey: "nav.companies", group: "admin", status: "ready" },
  { key: "settings", href: "/settings", icon: Settings, labelKey: "nav.settings", group: "admin", status: "ready" },
] as const satisfies readonly NavItem[];

export const navGroups = ["overview", "business", "telephony", "admin"] as const satisfies readonly NavItem["group"][];

export function getNavItem(key: NavKey): NavItem {
  return navItems.find((item) => item.key === key)!;
}

/** The section a path belongs to: the longest href that is the path or a prefix of it. */
export function findNavItem(pathname: string): NavItem | undefined {
  return navItems
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
}
