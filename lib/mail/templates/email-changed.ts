import { z } from "zod";
import { defineTemplate } from "./define";
import { displayText } from "./format";

// Sent to the OLD address after the account's email was changed: if it was not the holder, the
// old inbox is where they still learn of it. The new address appears masked (a.***@example.de).
export const emailChanged = defineTemplate(z.object({ name: displayText, newEmailMasked: displayText }), {
  de: (d) => ({
    subject: "Die E-Mail-Adresse Ihres AskProAI-Kontos wurde geändert",
    preheader: "Wenn Sie das nicht waren, handeln Sie bitte sofort.",
    heading: "Ihre E-Mail-Adresse wurde geändert",
    paragraphs: [
      `Hallo ${d.name},`,
      `die Anmelde-Adresse Ihres AskProAI-Kontos wurde soeben auf ${d.newEmailMasked} geändert. An diese Adresse gehen künftig alle Nachrichten zu Ihrem Konto.`,
      "Wenn Sie das nicht selbst waren, wenden Sie sich bitte sofort an die Administration Ihres Betriebs.",
    ],
  }),
  en: (d) => ({
    subject: "The email address of your AskProAI account was changed",
    preheader: "If this was not you, please act now.",
    heading: "Your email address was changed",
    paragraphs: [
      `Hello ${d.name},`,
      `The sign-in address of your AskProAI account has just been changed to ${d.newEmailMasked}. All messages about your account will go there from now on.`,
      "If this was not you, please contact your business's administrator right away.",
    ],
  }),
});
