import type { z } from "zod";
import { callbackOverdue } from "./callback-overdue";
import { emailChanged } from "./email-changed";
import { invitation } from "./invitation";
import { passwordChanged } from "./password-changed";
import { passwordReset } from "./password-reset";

// Every mail the portal sends. The texts live in the template files as typed de/en objects
// (not in the UI catalogs): each language is a function of the validated data, so a missing
// language or a misspelt field fails the type check.
export const mailTemplates = {
  invitation,
  password_reset: passwordReset,
  password_changed: passwordChanged,
  email_changed: emailChanged,
  callback_overdue: callbackOverdue,
};

export type MailTemplateName = keyof typeof mailTemplates;
export const mailTemplateNames = Object.keys(mailTemplates) as MailTemplateName[];

/** What sendMail takes as `data` for a template (dates as Date or ISO string). */
export type MailTemplateData<T extends MailTemplateName> = z.input<(typeof mailTemplates)[T]["schema"]>;
