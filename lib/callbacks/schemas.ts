import { z } from "zod";
import { callbackPriority } from "@/db/schema/callbacks";
import { blankAsUndefined, e164Schema, optionalText } from "@/lib/forms/fields";

// Input of the callback use cases. Error messages are codes (callbacks.fieldErrors.<code>, with
// forms.fieldErrors as the common fallback).

export const CALLBACK_PRIORITIES = callbackPriority.enumValues;
export const MAX_CALLBACK_REASON = 2000;
export const MAX_CALLBACK_NAME = 200;

const optionalId = z.preprocess(blankAsUndefined, z.guid({ error: "uuid" }).optional());

export const createCallbackSchema = z.object({
  branchId: z.guid({ error: "required" }),
  /** The call it came from (its page's "create callback"): branch, caller and customer follow from it. */
  callId: optionalId,
  customerId: optionalId,
  name: optionalText(MAX_CALLBACK_NAME),
  phone: e164Schema,
  reason: optionalText(MAX_CALLBACK_REASON),
  priority: z.enum(CALLBACK_PRIORITIES, { error: "priority" }).default("normal"),
  /** An instant with its offset, or a Date. */
  dueAt: z.union([z.date(), z.iso.datetime({ offset: true, error: "datetime" }).transform((s) => new Date(s))], { error: "datetime" }),
});

export type CreateCallbackInput = z.input<typeof createCallbackSchema>;
export type CreateCallbackField = keyof CreateCallbackInput;

export const callbackIdSchema = z.guid();

export const assignCallbackSchema = z.object({
  id: callbackIdSchema,
  userId: z.guid({ error: "required" }),
});
export type AssignCallbackInput = z.input<typeof assignCallbackSchema>;
