"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { localeCookieMaxAge, localeCookieName, locales } from "./config";

const localeSchema = z.enum(locales);

/** Stores the UI language for a year; the caller refreshes the page to re-render in it. */
export async function setLocaleAction(locale: string): Promise<{ ok: boolean }> {
  const parsed = localeSchema.safeParse(locale);
  if (!parsed.success) return { ok: false };
  const store = await cookies();
  store.set(localeCookieName, parsed.data, {
    maxAge: localeCookieMaxAge,
    path: "/",
    sameSite: "lax",
    // Not a secret: readable by the page and sent over plain http on a local demo too.
    httpOnly: false,
  });
  return { ok: true };
}
