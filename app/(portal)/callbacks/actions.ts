"use server";

import { TZDate } from "@date-fns/tz";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { assignCallback } from "@/lib/callbacks/assign-callback";
import { completeCallback } from "@/lib/callbacks/complete-callback";
import { markCallbackContacted } from "@/lib/callbacks/contact-callback";
import { createCallback } from "@/lib/callbacks/create-callback";
import { getCompanyBasics } from "@/lib/dashboard/company";
import { knownTimeZone } from "@/lib/dashboard/format";
import { type FormState, formField, formValues } from "@/lib/forms/form-state";
import { companyActor } from "@/lib/forms/actor";

// The callbacks' server actions: create (the form at /callbacks/new, also reached from a call's
// page), assign, mark contacted, complete. Each asks for its permission, limits the lookup to the
// actor's branches and runs the one use case in lib/callbacks with the actor for the audit trail.
// Answers are message codes (callbacks.messages.<code>); bad input never throws.

const actor = companyActor;

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The form's day and time, read in the company's zone, as an instant with its offset. */
function dueInstant(day: string | undefined, time: string | undefined, timeZone: string): string | undefined {
  if (!day || !time || !dayPattern.test(day) || !timePattern.test(time)) return undefined;
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const local = new TZDate(y, m - 1, d, hh, mm, timeZone);
  return Number.isNaN(local.getTime()) ? undefined : new Date(local.getTime()).toISOString();
}

export async function createCallbackAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const { user, branchIds, context } = await actor("callbacks:create");
  const values = formValues(formData);
  const company = await getCompanyBasics(user.companyId);
  const dueAt = dueInstant(values.dueDate, values.dueTime, knownTimeZone(company?.timeZone));
  const result = await createCallback(
    user.companyId,
    {
      branchId: values.branchId,
      callId: values.callId,
      customerId: values.customerId,
      name: values.name,
      phone: values.phone,
      reason: values.reason,
      priority: values.priority,
      dueAt: dueAt ?? (values.dueDate || values.dueTime ? "invalid" : undefined),
    },
    { branchIds, context, createdByUserId: user.id },
  );
  if (!result.ok) {
    if (result.reason === "invalid") {
      const { dueAt: dueError, ...rest } = result.fieldErrors;
      return { ok: false, message: "invalid", fieldErrors: { ...rest, ...(dueError ? { dueDate: dueError === "past" ? "past" : "datetime" } : {}) }, values };
    }
    return { ok: false, message: "not_found", fieldErrors: { [result.field]: "uuid" }, values };
  }
  revalidatePath("/callbacks");
  if (values.callId) revalidatePath(`/calls/${values.callId}`);
  redirect(`/callbacks?created=${result.callback.id}`);
}

export type CallbackRowActionState = { ok: boolean; message: string | null; at?: number };

const idSchema = z.guid();

async function rowAction(formData: FormData, run: (companyId: string, id: string, options: Awaited<ReturnType<typeof actor>>) => Promise<{ ok: boolean; reason?: string }>): Promise<CallbackRowActionState> {
  const options = await actor("callbacks:update");
  const id = idSchema.safeParse(formField(formData, "id"));
  if (!id.success) return { ok: false, message: "not_found", at: Date.now() };
  const result = await run(options.user.companyId, id.data, options);
  if (!result.ok) return { ok: false, message: result.reason ?? "invalid", at: Date.now() };
  revalidatePath("/callbacks");
  return { ok: true, message: null, at: Date.now() };
}

export async function assignCallbackAction(_previous: CallbackRowActionState, formData: FormData): Promise<CallbackRowActionState> {
  return rowAction(formData, (companyId, id, { branchIds, context }) => assignCallback(companyId, { id, userId: formField(formData, "userId") }, { branchIds, context }));
}

export async function contactCallbackAction(_previous: CallbackRowActionState, formData: FormData): Promise<CallbackRowActionState> {
  return rowAction(formData, (companyId, id, { branchIds, context }) => markCallbackContacted(companyId, id, { branchIds, context }));
}

export async function completeCallbackAction(_previous: CallbackRowActionState, formData: FormData): Promise<CallbackRowActionState> {
  return rowAction(formData, (companyId, id, { branchIds, context }) => completeCallback(companyId, id, { branchIds, context }));
}
