import type { MailTransportKind } from "./message";

/**
 * Sending failed. Carries what a caller (or an Inngest retry) needs and nothing personal: the
 * SMTP server's reply text often quotes the recipient's address, so it is not copied here.
 */
export class MailDeliveryError extends Error {
  override name = "MailDeliveryError";
  readonly transport: MailTransportKind;
  /** Nodemailer's or Node's error code: ECONNECTION, ETIMEDOUT, EENVELOPE, EAUTH, ENOENT… */
  readonly code: string | undefined;
  /** The SMTP reply code, e.g. 550 for a refused recipient. */
  readonly responseCode: number | undefined;
  /** The SMTP command that failed (RCPT TO, DATA…). */
  readonly command: string | undefined;
  /** A 5xx reply: sending the same message again will fail the same way. */
  readonly permanent: boolean;

  constructor(transport: MailTransportKind, source: unknown) {
    const detail = (source ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
    const code = typeof detail.code === "string" ? detail.code : undefined;
    const responseCode = typeof detail.responseCode === "number" ? detail.responseCode : undefined;
    // Nodemailer's command names are fixed strings ("RCPT TO", "AUTH PLAIN"); keep only that shape.
    const command = typeof detail.command === "string" ? /^[A-Z][A-Z0-9 -]{0,30}$/.exec(detail.command)?.[0] : undefined;
    super(
      `Mail delivery failed (${transport}: ${[code ?? "unknown error", responseCode, command].filter(Boolean).join(", ")})`,
    );
    this.transport = transport;
    this.code = code;
    this.responseCode = responseCode;
    this.command = command;
    this.permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600;
  }
}

/** The caller passed something unsendable (a malformed address, missing template data). */
export class MailInputError extends Error {
  override name = "MailInputError";
  /** The offending fields, e.g. ["to"] or ["data.acceptUrl"]; never their values. */
  readonly fields: string[];

  constructor(fields: string[]) {
    super(`Invalid mail input: ${fields.join(", ")}`);
    this.fields = fields;
  }
}
