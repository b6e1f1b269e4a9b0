import { z } from "zod";
import { defineTemplate } from "./define";
import { displayText } from "./format";

// The account holder's alarm bell: sent after every password change or reset.
export const passwordChanged = defineTemplate(z.object({ name: displayText }), {
  de: (d) => ({
    subject: "Ihr AskProAI-Passwort wurde geändert",
    preheader: "Wenn Sie das nicht waren, handeln Sie bitte sofort.",
    heading: "Ihr Passwort wurde geändert",
    paragraphs: [
      `Hallo ${d.name},`,
      "das Passwort Ihres AskProAI-Kontos wurde soeben geändert. Wenn Sie das selbst waren, müssen Sie nichts weiter tun.",
      "Wenn nicht, setzen Sie Ihr Passwort über „Passwort vergessen“ auf der Anmeldeseite sofort zurück und informieren Sie die Administration Ihres Betriebs.",
    ],
  }),
  en: (d) => ({
    subject: "Your AskProAI password was changed",
    preheader: "If this was not you, please act now.",
    heading: "Your password was changed",
    paragraphs: [
      `Hello ${d.name},`,
      "The password of your AskProAI account has just been changed. If this was you, there is nothing else to do.",
      "If it was not you, reset your password right away with “Forgot password” on the sign-in page and tell your business's administrator.",
    ],
  }),
});
