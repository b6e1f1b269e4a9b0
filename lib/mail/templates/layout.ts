import type { Locale } from "@/lib/i18n/config";
import { escapeHtml, oneLine } from "./format";

/**
 * What a template says, as plain strings. Only renderMail turns it into HTML, and it escapes
 * every string on the way, so no template can inject markup, whatever the data holds.
 */
export type MailBlock = {
  subject: string;
  /** The grey line mail clients show after the subject in the inbox list. */
  preheader: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Smaller print under the button: validity, "if this wasn't you". */
  notes?: string[];
};

export type MailContent = { subject: string; text: string; html: string };

const chrome = {
  de: {
    copyLink: "Falls der Button nicht funktioniert, öffnen Sie diesen Link im Browser:",
    footer: "Diese E-Mail wurde automatisch vom AskProAI-Portal versendet. Antworten auf diese Adresse werden nicht gelesen.",
  },
  en: {
    copyLink: "If the button does not work, open this link in your browser:",
    footer: "This email was sent automatically by the AskProAI portal. Replies to this address are not read.",
  },
} satisfies Record<Locale, { copyLink: string; footer: string }>;

// Table layout and inline styles: what Outlook, Gmail and Apple Mail all render the same way.
const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const BRAND = "#4f46e5";

export function renderMail(locale: Locale, block: MailBlock): MailContent {
  const subject = oneLine(block.subject);
  return { subject, text: renderText(locale, block), html: renderHtml(locale, subject, block) };
}

function renderText(locale: Locale, block: MailBlock): string {
  const parts = [block.heading, ...block.paragraphs];
  if (block.action) parts.push(`${block.action.label}:\n${block.action.url}`);
  parts.push(...(block.notes ?? []));
  parts.push(`-- \n${chrome[locale].footer}`);
  return `${parts.join("\n\n")}\n`;
}

function renderHtml(locale: Locale, subject: string, block: MailBlock): string {
  const e = escapeHtml;
  const row = (content: string, padding = "16px 32px 0") => `<tr><td style="padding:${padding};${FONT}">${content}</td></tr>`;
  const paragraph = (text: string, size = 15, color = "#33324a") =>
    row(`<p style="margin:0;font-size:${size}px;line-height:${Math.round(size * 1.6)}px;color:${color};">${e(text)}</p>`, "12px 32px 0");

  const rows = [
    row(`<span style="font-size:15px;font-weight:700;color:${BRAND};letter-spacing:-0.01em;">AskProAI</span>`, "28px 32px 0"),
    row(`<h1 style="margin:0;font-size:21px;line-height:28px;font-weight:600;color:#1c1b29;">${e(block.heading)}</h1>`, "20px 32px 4px"),
    ...block.paragraphs.map((text) => paragraph(text)),
  ];
  if (block.action) {
    const url = e(block.action.url);
    rows.push(
      row(
        `<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>` +
          `<td style="border-radius:8px;background-color:${BRAND};">` +
          `<a href="${url}" target="_blank" style="display:inline-block;padding:12px 22px;${FONT}font-size:15px;font-weight:600;line-height:20px;color:#ffffff;text-decoration:none;border-radius:8px;">${e(block.action.label)}</a>` +
          `</td></tr></table>`,
        "24px 32px 4px",
      ),
      row(
        `<p style="margin:0;font-size:13px;line-height:20px;color:#6b6a80;">${e(chrome[locale].copyLink)}<br>` +
          `<a href="${url}" target="_blank" style="color:${BRAND};word-break:break-all;">${url}</a></p>`,
      ),
    );
  }
  for (const note of block.notes ?? []) rows.push(paragraph(note, 13, "#6b6a80"));
  rows.push(
    row(
      `<p style="margin:0;padding-top:16px;border-top:1px solid #e7e6ef;font-size:12px;line-height:18px;color:#8b8a9c;">${e(chrome[locale].footer)}</p>`,
      "28px 32px 28px",
    ),
  );

  return [
    "<!doctype html>",
    `<html lang="${locale}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${e(subject)}</title>`,
    "</head>",
    `<body style="margin:0;padding:0;background-color:#f4f4f7;">`,
    `<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${e(block.preheader)}</div>`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f7;">`,
    `<tr><td align="center" style="padding:32px 12px;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border:1px solid #e4e4ea;border-radius:12px;">`,
    ...rows,
    "</table>",
    "</td></tr>",
    "</table>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
