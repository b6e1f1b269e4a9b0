import type { Locale } from "./config";
import type messages from "./messages/de.json";

// Typed message keys: t("nav.appointment") with a typo fails the type check.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
