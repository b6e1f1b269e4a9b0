import "server-only";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { locales } from "@/lib/i18n/config";
import { readMailConfig } from "./config";
import { isMailId, type OutgoingMail } from "./message";
import { mailTemplateNames } from "./templates/registry";

// The dev mailbox: without SMTP_URL every message is a JSON file in MAILBOX_DIR, listed and shown
// at /dev/mailbox. Ids are checked against one strict pattern before they touch a path, so a
// crafted id ("../../etc/passwd") can never name a file outside the folder.

const storedMailSchema = z.object({
  id: z.string().refine(isMailId),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  headers: z.record(z.string(), z.string()),
  createdAt: z.iso.datetime().transform((value) => new Date(value)),
  template: z.enum(mailTemplateNames),
  locale: z.enum(locales),
});

export type MailboxMessage = z.output<typeof storedMailSchema>;
export type MailboxSummary = Pick<MailboxMessage, "id" | "to" | "from" | "subject" | "createdAt" | "template" | "locale">;

type DirOption = { dir?: string };

// The folder comes from the environment at run time; tell Turbopack not to trace it (it would
// otherwise pull the whole project into the server bundle's file list).
function folder(dir: string): string {
  return resolve(/* turbopackIgnore: true */ dir);
}

function fileFor(dir: string, id: string): string {
  return join(/* turbopackIgnore: true */ folder(dir), `${id}.json`);
}

/** Stores one message; written under a temporary name and renamed, so a reader never sees half. */
export async function writeMailboxMessage(mail: OutgoingMail, { dir = readMailConfig().mailboxDir }: DirOption = {}) {
  if (!isMailId(mail.id)) throw new Error("Invalid mail id");
  const target = fileFor(dir, mail.id);
  await mkdir(folder(dir), { recursive: true });
  const record = { ...mail, createdAt: mail.createdAt.toISOString() };
  const temporary = join(/* turbopackIgnore: true */ folder(dir), `.${mail.id}.tmp`);
  await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, target);
}

/** Newest first; `to` keeps only messages to that address (case-insensitive, exact). */
export async function listMailbox({
  to,
  limit = 100,
  dir = readMailConfig().mailboxDir,
}: { to?: string; limit?: number } & DirOption = {}): Promise<MailboxSummary[]> {
  let names: string[];
  try {
    names = await readdir(folder(dir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const ids = names
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .filter(isMailId)
    .sort()
    .reverse();
  const wanted = to?.trim().toLowerCase() || undefined;
  const out: MailboxSummary[] = [];
  for (const id of ids) {
    if (out.length >= limit) break;
    const message = await readStored(dir, id);
    if (!message || (wanted && message.to.toLowerCase() !== wanted)) continue;
    const { text: _text, html: _html, headers: _headers, ...summary } = message;
    out.push(summary);
  }
  return out;
}

/** One message, or null when the id is malformed, unknown or the file is not a stored message. */
export async function readMailboxMessage(
  id: string,
  { dir = readMailConfig().mailboxDir }: DirOption = {},
): Promise<MailboxMessage | null> {
  if (!isMailId(id)) return null;
  return readStored(dir, id);
}

async function readStored(dir: string, id: string): Promise<MailboxMessage | null> {
  let raw: string;
  try {
    raw = await readFile(fileFor(dir, id), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR") return null;
    throw error;
  }
  try {
    const parsed = storedMailSchema.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.id === id ? parsed.data : null;
  } catch {
    return null;
  }
}
