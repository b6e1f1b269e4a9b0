import { z } from "zod";
import { defineTemplate } from "./define";
import { displayText, formatDateTime, instant, linkUrl } from "./format";

// Sent when a company admin invites someone; the link is single-use and expires (72 h).
export const invitation = defineTemplate(
  z.object({ inviterName: displayText, companyName: displayText, acceptUrl: linkUrl, expiresAt: instant }),
  {
    de: (d, ctx) => ({
      subject: `Einladung zu ${d.companyName} bei AskProAI`,
      preheader: `${d.inviterName} lädt Sie in das AskProAI-Portal ein.`,
      heading: `Sie wurden zu ${d.companyName} eingeladen`,
      paragraphs: [
        `${d.inviterName} hat Sie eingeladen, dem Team von ${d.companyName} im AskProAI-Portal beizutreten. Dort sehen Sie Termine, Anrufe und Rückrufe Ihres Betriebs.`,
      ],
      action: { label: "Einladung annehmen", url: d.acceptUrl },
      notes: [
        `Der Link ist bis ${formatDateTime(d.expiresAt, ctx)} gültig und kann nur einmal verwendet werden.`,
        "Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.",
      ],
    }),
    en: (d, ctx) => ({
      subject: `Invitation to ${d.companyName} on AskProAI`,
      preheader: `${d.inviterName} invites you to the AskProAI portal.`,
      heading: `You have been invited to ${d.companyName}`,
      paragraphs: [
        `${d.inviterName} has invited you to join the ${d.companyName} team on the AskProAI portal, where you see your business's appointments, calls and callbacks.`,
      ],
      action: { label: "Accept invitation", url: d.acceptUrl },
      notes: [
        `The link is valid until ${formatDateTime(d.expiresAt, ctx)} and can be used once.`,
        "If you were not expecting this invitation, you can ignore this email.",
      ],
    }),
  },
);
