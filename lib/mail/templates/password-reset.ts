import { z } from "zod";
import { defineTemplate } from "./define";
import { displayText, formatMinutes, linkUrl } from "./format";

// Sent only when the address belongs to an account; the form answers the same either way.
export const passwordReset = defineTemplate(
  z.object({ name: displayText, resetUrl: linkUrl, expiresInMinutes: z.number().int().min(1).max(7 * 24 * 60) }),
  {
    de: (d, ctx) => ({
      subject: "Passwort für AskProAI zurücksetzen",
      preheader: "Legen Sie mit diesem Link ein neues Passwort fest.",
      heading: "Passwort zurücksetzen",
      paragraphs: [
        `Hallo ${d.name},`,
        "wir haben eine Anfrage erhalten, das Passwort Ihres AskProAI-Kontos zurückzusetzen. Mit dem folgenden Link legen Sie ein neues fest.",
      ],
      action: { label: "Neues Passwort festlegen", url: d.resetUrl },
      notes: [
        `Der Link ist ${formatMinutes(d.expiresInMinutes, ctx)} gültig und kann nur einmal verwendet werden.`,
        "Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail – Ihr Passwort bleibt unverändert.",
      ],
    }),
    en: (d, ctx) => ({
      subject: "Reset your AskProAI password",
      preheader: "Use this link to choose a new password.",
      heading: "Reset your password",
      paragraphs: [
        `Hello ${d.name},`,
        "We received a request to reset the password of your AskProAI account. Use the link below to choose a new one.",
      ],
      action: { label: "Choose a new password", url: d.resetUrl },
      notes: [
        `The link is valid for ${formatMinutes(d.expiresInMinutes, ctx)} and can be used once.`,
        "If you did not ask for this, ignore this email – your password stays unchanged.",
      ],
    }),
  },
);
