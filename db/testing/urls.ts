import { APP_ROLE } from "@/db";

/** The runtime role's URL on the same server and database as an owner URL (trust auth in CI). */
export function appUrlFor(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = "";
  return url.toString();
}
