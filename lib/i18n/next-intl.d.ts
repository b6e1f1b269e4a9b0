import type { Messages as CatalogMessages } from "./catalog";
import type { Locale } from "./config";

// Typed message keys: t("nav.appointment") with a typo fails the type check.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: CatalogMessages;
  }
}
