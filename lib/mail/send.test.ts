import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Locale } from "@/lib/i18n/config";
import { MailDeliveryError, MailInputError } from "./errors";
import { listMailbox, readMailboxMessage } from "./mailbox";
import { sendMail, type SendMailInput } from "./send";
import type { MailTemplateData, MailTemplateName } from "./templates/registry";
import { closeMailTransports } from "./transport";

// Real SMTP on loopback (smtp-server) and the real dev mailbox on disk: what arrives is parsed
// with mailparser, as a mail client would. The transport is chosen from the environment at each
// send, so every test sets SMTP_URL / MAILBOX_DIR for itself.

type Received = { rcptTo: string[]; mail: ParsedMail };

async function startSmtpServer(options: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), mail });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
    ...options,
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const evil = 'Anna <script>alert("x")</script>';

type Case = {
  template: MailTemplateName;
  data: MailTemplateData<MailTemplateName>;
  link?: string;
  subject: Record<Locale, string>;
  /** Text the plain part must hold in that language (formatted dates, durations). */
  says: Record<Locale, string>;
};

const cases: Case[] = [
  {
    template: "invitation",
    data: {
      inviterName: evil,
      companyName: "Praxis Dr. Weiß",
      acceptUrl: "https://portal.example/invite/inv_tok123",
      expiresAt: new Date("2026-11-27T08:30:00Z"),
    },
    link: "https://portal.example/invite/inv_tok123",
    subject: { de: "Einladung zu Praxis Dr. Weiß bei AskProAI", en: "Invitation to Praxis Dr. Weiß on AskProAI" },
    says: { de: "Freitag, 27. November 2026 um 09:30 MEZ", en: "Friday, 27 November 2026 at 09:30 CET" },
  },
  {
    template: "password_reset",
    data: { name: evil, resetUrl: "https://portal.example/reset-password?token=rst_abc", expiresInMinutes: 60 },
    link: "https://portal.example/reset-password?token=rst_abc",
    subject: { de: "Passwort für AskProAI zurücksetzen", en: "Reset your AskProAI password" },
    says: { de: "60 Minuten gültig", en: "valid for 60 minutes" },
  },
  {
    template: "password_changed",
    data: { name: evil },
    subject: { de: "Ihr AskProAI-Passwort wurde geändert", en: "Your AskProAI password was changed" },
    says: { de: "wurde soeben geändert", en: "has just been changed" },
  },
  {
    template: "callback_overdue",
    data: {
      branchName: "Filiale Mitte",
      customerName: evil,
      dueAt: "2026-06-24T13:05:00Z",
      url: "https://portal.example/callbacks/cb_42",
    },
    link: "https://portal.example/callbacks/cb_42",
    subject: { de: "Überfälliger Rückruf – Filiale Mitte", en: "Overdue callback – Filiale Mitte" },
    says: { de: "Mittwoch, 24. Juni 2026 um 15:05 MESZ", en: "Wednesday, 24 June 2026 at 15:05 CEST" },
  },
];

const send = (input: SendMailInput<MailTemplateName>) => sendMail(input);

let mailboxRoot: string;
beforeAll(async () => {
  mailboxRoot = await mkdtemp(join(tmpdir(), "askpro-mailbox-"));
});
beforeEach(() => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.stubEnv("MAIL_FROM", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
afterAll(async () => {
  closeMailTransports();
  await rm(mailboxRoot, { recursive: true, force: true });
});

describe("sendMail over SMTP", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    closeMailTransports();
    await smtp.close();
  });

  for (const c of cases) {
    for (const locale of ["de", "en"] as const) {
      it(`delivers ${c.template} in ${locale}`, async () => {
        vi.stubEnv("SMTP_URL", smtp.url);
        const to = `${c.template}.${locale}@example.com`;
        const sent = await send({ to, template: c.template, locale, data: c.data });
        expect(sent.transport).toBe("smtp");

        const got = smtp.received.find((r) => r.rcptTo.includes(to));
        expect(got, "message received").toBeDefined();
        const { mail } = got!;
        expect(mail.subject).toBe(c.subject[locale]);
        expect((mail.to as AddressObject).value.map((a) => a.address)).toEqual([to]);
        expect(mail.from?.value).toEqual([{ address: "no-reply@askproai.local", name: "AskProAI" }]);
        expect(mail.messageId).toBe(`<${sent.id}@askproai.local>`);
        expect(mail.headers.get("content-language")).toBe(locale);
        expect(mail.headers.get("auto-submitted")).toBe("auto-generated");

        // Both parts, the text one with the link and the facts, the HTML one escaped.
        expect(mail.text).toBeTruthy();
        expect(mail.html).toBeTruthy();
        const html = mail.html as string;
        expect(mail.text).toContain(c.says[locale]);
        expect(mail.text).toContain("Anna");
        if (c.link) {
          expect(mail.text).toContain(c.link);
          expect(html).toContain(`href="${c.link.replace(/&/g, "&amp;")}"`);
        }
        expect(html).toContain("Anna &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
        expect(html).not.toMatch(/<script/i);
        expect(html).toContain(`<html lang="${locale}">`);
      });
    }
  }

  it("logs template, transport, a recipient hash and the id – never the address or a name", async () => {
    vi.stubEnv("SMTP_URL", smtp.url);
    const info = vi.mocked(console.info);
    const sent = await send({ to: "Private.Person@example.com", template: "password_changed", locale: "de", data: { name: "Paula Privat" } });
    const logged = JSON.stringify(info.mock.calls);
    expect(logged).toContain(sent.id);
    expect(logged).toContain("password_changed");
    expect(logged.toLowerCase()).not.toContain("private.person");
    expect(logged).not.toContain("Paula");
  });

  it("refuses a malformed recipient or template data before connecting", async () => {
    vi.stubEnv("SMTP_URL", smtp.url);
    const before = smtp.received.length;
    const data = { name: "A", resetUrl: "https://portal.example/r", expiresInMinutes: 60 };
    await expect(send({ to: "not-an-address", template: "password_reset", locale: "de", data })).rejects.toMatchObject({
      name: "MailInputError",
      fields: ["to"],
    });
    const long = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(60)}.de`;
    expect(long.length).toBeGreaterThan(254);
    await expect(send({ to: long, template: "password_reset", locale: "de", data })).rejects.toBeInstanceOf(MailInputError);
    await expect(
      send({ to: "a@example.com", template: "password_reset", locale: "de", data: { ...data, resetUrl: "javascript:alert(1)" } }),
    ).rejects.toMatchObject({ fields: ["data.resetUrl"] });
    await expect(
      send({ to: "a@example.com", template: "password_reset", locale: "fr" as Locale, data }),
    ).rejects.toMatchObject({ fields: ["locale"] });
    expect(smtp.received.length).toBe(before);
  });
});

describe("sendMail when SMTP fails", () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on("unhandledRejection", onUnhandled);
  });
  afterAll(() => {
    process.off("unhandledRejection", onUnhandled);
  });

  it("turns a refused recipient into a MailDeliveryError without the address", async () => {
    const smtp = await startSmtpServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error("5.1.1 Mailbox unavailable"), { responseCode: 550 }));
      },
    });
    try {
      vi.stubEnv("SMTP_URL", smtp.url);
      const error = await send({
        to: "gone@example.com",
        template: "password_changed",
        locale: "en",
        data: { name: "Gone" },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect(error).toMatchObject({ transport: "smtp", code: "EENVELOPE", responseCode: 550, command: "RCPT TO", permanent: true });
      expect((error as Error).message).not.toContain("gone@example.com");
      expect(smtp.received).toEqual([]);
      expect(JSON.stringify(vi.mocked(console.warn).mock.calls)).not.toContain("gone@");
    } finally {
      closeMailTransports();
      await smtp.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  });

  it("turns a closed port into a transient MailDeliveryError", async () => {
    const smtp = await startSmtpServer();
    await smtp.close();
    vi.stubEnv("SMTP_URL", smtp.url);
    const error = await send({ to: "x@example.com", template: "password_changed", locale: "de", data: { name: "X" } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ transport: "smtp", permanent: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  });
});

describe("sendMail without SMTP_URL (dev mailbox)", () => {
  let dir: string;
  beforeEach(async (context) => {
    dir = join(mailboxRoot, context.task.id);
    vi.stubEnv("SMTP_URL", "");
    vi.stubEnv("MAILBOX_DIR", dir);
  });

  it("stores each message as a file that listMailbox and readMailboxMessage return", async () => {
    const first = await send({
      to: "Anna@example.com",
      template: "invitation",
      locale: "de",
      data: cases[0]!.data,
    });
    const second = await send({
      to: "ben@example.com",
      template: "password_reset",
      locale: "en",
      data: { name: evil, resetUrl: "https://portal.example/reset-password?token=t1", expiresInMinutes: 60 },
    });
    expect(first.transport).toBe("mailbox");
    expect(second.transport).toBe("mailbox");
    expect((await readdir(dir)).sort()).toEqual([`${first.id}.json`, `${second.id}.json`].sort());

    const all = await listMailbox();
    expect(all.map((m) => m.id)).toEqual([second.id, first.id]);
    expect(all[0]).toMatchObject({ to: "ben@example.com", subject: "Reset your AskProAI password", template: "password_reset", locale: "en" });
    expect(all[0]).not.toHaveProperty("html");

    expect((await listMailbox({ to: "anna@EXAMPLE.com" })).map((m) => m.id)).toEqual([first.id]);
    expect(await listMailbox({ to: "nobody@example.com" })).toEqual([]);

    const message = await readMailboxMessage(second.id);
    expect(message).toMatchObject({
      id: second.id,
      to: "ben@example.com",
      from: "AskProAI <no-reply@askproai.local>",
      template: "password_reset",
      locale: "en",
      headers: { "Message-ID": `<${second.id}@askproai.local>`, "Content-Language": "en" },
    });
    expect(message!.createdAt).toBeInstanceOf(Date);
    expect(message!.text).toContain("https://portal.example/reset-password?token=t1");
    expect(message!.html).toContain("&lt;script&gt;");
    expect(message!.html).not.toContain("<script");
  });

  it("refuses ids that are not mailbox ids and skips files that are not messages", async () => {
    const sent = await send({ to: "c@example.com", template: "password_changed", locale: "de", data: { name: "C" } });
    // A readable JSON file outside the mailbox, and junk inside it.
    await writeFile(join(mailboxRoot, "outside.json"), JSON.stringify({ secret: true }));
    await writeFile(join(dir, "notes.txt"), "hello");
    await writeFile(join(dir, "20990101T000000000Z-000000000000.json"), "{ not json");
    await mkdir(join(dir, "20990101T000000000Z-111111111111.json"), { recursive: true }).catch(() => {});

    for (const id of ["../../etc/passwd", "../outside", `../${sent.id}`, `${sent.id}.json`, `${sent.id}/`, "", "%2e%2e%2fetc"]) {
      expect(await readMailboxMessage(id), id).toBeNull();
    }
    expect(await readMailboxMessage("20990101T000000000Z-000000000000")).toBeNull();
    expect((await listMailbox()).map((m) => m.id)).toEqual([sent.id]);
  });

  it("lists nothing when the folder does not exist yet", async () => {
    expect(await listMailbox()).toEqual([]);
    expect(await readMailboxMessage("20260101T000000000Z-abcdefabcdef")).toBeNull();
  });
});
