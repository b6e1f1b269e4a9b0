import { z } from "zod";
import { defineTemplate } from "./define";
import { displayText, formatDateTime, instant, linkUrl } from "./format";

// For the callbacks feature's overdue sweep: tells a branch that a promised callback is late.
export const callbackOverdue = defineTemplate(
  z.object({ branchName: displayText, customerName: displayText, dueAt: instant, url: linkUrl }),
  {
    de: (d, ctx) => ({
      subject: `Überfälliger Rückruf – ${d.branchName}`,
      preheader: `Der Rückruf für ${d.customerName} ist überfällig.`,
      heading: "Ein Rückruf ist überfällig",
      paragraphs: [
        `Der Rückruf für ${d.customerName} in der Filiale ${d.branchName} war fällig am ${formatDateTime(d.dueAt, ctx)}.`,
        "Bitte rufen Sie zurück oder übergeben Sie den Rückruf an eine Kollegin oder einen Kollegen.",
      ],
      action: { label: "Rückruf öffnen", url: d.url },
    }),
    en: (d, ctx) => ({
      subject: `Overdue callback – ${d.branchName}`,
      preheader: `The callback for ${d.customerName} is overdue.`,
      heading: "A callback is overdue",
      paragraphs: [
        `The callback for ${d.customerName} at ${d.branchName} was due on ${formatDateTime(d.dueAt, ctx)}.`,
        "Please call back or hand the callback over to a colleague.",
      ],
      action: { label: "Open callback", url: d.url },
    }),
  },
);
