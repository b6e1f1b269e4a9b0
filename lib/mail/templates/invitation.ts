import { z } from "zod";
import { defineTemplate } from "./define";
import { displayText, formatDateTime, instant, linkUrl } from "./format";

// Sent when a company admin invites someone; the link is single-use and expires (72 h).
const roles = ["company_admin", "branch_manager", "staff", "viewer"] as const;
type InvitedRole = (typeof roles)[number];

const roleLabel: Record<"de" | "en", Record<InvitedRole, string>> = {
  de: { company_admin: "Administrator/in", branch_manager: "Filialleitung", staff: "Mitarbeiter/in", viewer: "Nur Lesen" },
  en: { company_admin: "Administrator", branch_manager: "Branch manager", staff: "Staff member", viewer: "Read-only" },
};

export const invitation = defineTemplate(
  z.object({
    inviterName: displayText,
    companyName: displayText,
    // Optional so older callers stay valid; the users page always sends it.
    role: z.enum(roles).optional(),
    acceptUrl: linkUrl,
    expiresAt: instant,
  }),
  {
    de: (d, ctx) => ({
      subject: `Einladung zu ${d.companyName} bei AskProAI`,
      preheader: `${d.inviterName} lädt Sie in das AskProAI-Portal ein.`,
      heading: `Sie wurden zu ${d.companyName} eingeladen`,
      paragraphs: [
        `${d.inviterName} hat Sie eingeladen, dem Team von ${d.companyName} im AskProAI-Portal beizutreten. Dort sehen Sie Termine, Anrufe und Rückrufe Ihres Betriebs.`,
        ...(d.role ? [`Ihre Rolle: ${roleLabel.de[d.role]}. Mit dem Link legen Sie Ihren Namen und Ihr Passwort fest.`] : []),
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
        ...(d.role ? [`Your role: ${roleLabel.en[d.role]}. With the link you choose your name and password.`] : []),
      ],
      action: { label: "Accept invitation", url: d.acceptUrl },
      notes: [
        `The link is valid until ${formatDateTime(d.expiresAt, ctx)} and can be used once.`,
        "If you were not expecting this invitation, you can ignore this email.",
      ],
    }),
  },
);
