import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { catalogs } from "./catalog";
import { defaultLocale, isLocale, localeCookieName } from "./config";

// next-intl without i18n routing: the locale comes from the NEXT_LOCALE cookie, else German.
// Reading the cookie makes every page request-time rendered, which the portal is anyway.
export default getRequestConfig(async () => {
  const store = await cookies();
  const fromCookie = store.get(localeCookieName)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : defaultLocale;
  return { locale, messages: catalogs[locale] };
});
