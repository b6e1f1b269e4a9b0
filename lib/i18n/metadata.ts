import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { NavKey } from "@/lib/config/nav";

/** The browser tab title of a portal section, in the UI language ("Termine · AskProAI"). */
export async function sectionMetadata(section: NavKey): Promise<Metadata> {
  const t = await getTranslations("nav");
  return { title: t(section) };
}
