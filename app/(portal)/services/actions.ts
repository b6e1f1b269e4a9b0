"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { companyActor } from "@/lib/forms/actor";
import { type FormState, formField } from "@/lib/forms/form-state";
import { createCategory } from "@/lib/services/create-category";
import { createService } from "@/lib/services/create-service";
import { deleteCategory } from "@/lib/services/delete-category";
import { deleteService, restoreService } from "@/lib/services/delete-service";
import { renameCategory } from "@/lib/services/rename-category";
import { reorderCategories } from "@/lib/services/reorder-categories";
import { updateService } from "@/lib/services/update-service";

// The service pages' server actions. Permissions (lib/auth/permissions.ts): create →
// services:create; edit, categories' rename and order → services:update; delete and restore →
// services:delete. A branch manager's scope (branchScope) goes to the use case, which limits it to
// its branches' services and keeps categories with the company admin. Bad input never throws:
// field codes (services.fieldErrors.<code>, else forms.fieldErrors.<code>) and message codes
// (services.messages.<code>, services.categories.messages.<code>) come back.

export type ServiceFormState = FormState;
export type ServiceActionState = { ok: boolean; message: string | null; values?: Record<string, string>; fieldErrors?: Partial<Record<string, string>>; at?: number };



function refresh(id?: string) {
  revalidatePath("/services");
  revalidatePath("/services/categories");
  if (id) revalidatePath(`/services/${id}`);
}

const done = (message: string, values?: Record<string, string>): ServiceActionState => ({ ok: true, message, values, at: Date.now() });
const failed = (message: string, values?: Record<string, string>): ServiceActionState => ({ ok: false, message, values, at: Date.now() });

/** Creates a service (no id in the form) or saves the edited one; a new one opens its page. */
export async function saveServiceAction(_previous: ServiceFormState, formData: FormData): Promise<ServiceFormState> {
  const id = formField(formData, "id");
  const { user, context, branchIds } = await companyActor(id ? "services:update" : "services:create");
  // Every field is sent; an unchecked box is absent from the form, so it is false here.
  const input = {
    name: formField(formData, "name") ?? "",
    description: formField(formData, "description"),
    categoryId: formField(formData, "categoryId"),
    branchId: formField(formData, "branchId"),
    durationMinutes: formField(formData, "durationMinutes") ?? "",
    bufferBeforeMinutes: formField(formData, "bufferBeforeMinutes"),
    bufferAfterMinutes: formField(formData, "bufferAfterMinutes"),
    price: formField(formData, "price") ?? "",
    minNoticeMinutes: formField(formData, "minNoticeMinutes"),
    sortOrder: formField(formData, "sortOrder"),
    bookableByPhone: formData.get("bookableByPhone") === "on",
    bookableOnline: formData.get("bookableOnline") === "on",
    isActive: formData.get("isActive") === "on",
  };
  const result = id ? await updateService(user.companyId, id, input, { context, branchIds }) : await createService(user.companyId, input, { context, branchIds });
  if (!result.ok) {
    if (result.reason === "invalid") return { ok: false, message: "invalid", fieldErrors: result.fieldErrors };
    return { ok: false, message: result.reason };
  }
  refresh(result.service.id);
  if (!id) redirect(`/services/${result.service.id}`);
  return { ok: true, message: "saved" };
}

/** Soft-deletes (mode=delete) or restores (mode=restore) a service. */
export async function deleteServiceAction(_previous: ServiceActionState, formData: FormData): Promise<ServiceActionState> {
  const { user, context, branchIds } = await companyActor("services:delete");
  const id = formField(formData, "id") ?? "";
  const restore = formField(formData, "mode") === "restore";
  const result = restore ? await restoreService(user.companyId, id, { context, branchIds }) : await deleteService(user.companyId, id, { context, branchIds });
  if (!result.ok) return failed(result.reason);
  refresh(id);
  return done(restore ? "restored" : "deleted");
}

/** Adds a category (placed last). */
export async function createCategoryAction(_previous: ServiceActionState, formData: FormData): Promise<ServiceActionState> {
  const { user, context, branchIds } = await companyActor("services:create");
  const name = formField(formData, "name") ?? "";
  const result = await createCategory(user.companyId, { name }, { context, branchIds });
  if (!result.ok) {
    if (result.reason === "invalid") return { ...failed("invalid", { name }), fieldErrors: result.fieldErrors };
    return failed(result.reason);
  }
  refresh();
  return done("created");
}

/** Renames a category. */
export async function renameCategoryAction(_previous: ServiceActionState, formData: FormData): Promise<ServiceActionState> {
  const { user, context, branchIds } = await companyActor("services:update");
  const name = formField(formData, "name") ?? "";
  const result = await renameCategory(user.companyId, formField(formData, "id") ?? "", { name }, { context, branchIds });
  if (!result.ok) {
    if (result.reason === "invalid") return { ...failed("invalid", { name }), fieldErrors: result.fieldErrors };
    return failed(result.reason);
  }
  refresh();
  return done("renamed");
}

/** Saves the categories' order (ids, comma-separated, first to last). */
export async function reorderCategoriesAction(_previous: ServiceActionState, formData: FormData): Promise<ServiceActionState> {
  const { user, context, branchIds } = await companyActor("services:update");
  const ids = (formField(formData, "order") ?? "").split(",").filter(Boolean);
  const result = await reorderCategories(user.companyId, ids, { context, branchIds });
  if (!result.ok) return failed(result.reason === "invalid" ? "not_found" : result.reason);
  refresh();
  return done("reordered");
}

/** Deletes a category without services. */
export async function deleteCategoryAction(_previous: ServiceActionState, formData: FormData): Promise<ServiceActionState> {
  const { user, context, branchIds } = await companyActor("services:delete");
  const result = await deleteCategory(user.companyId, formField(formData, "id") ?? "", { context, branchIds });
  if (!result.ok) return failed(result.reason, result.reason === "in_use" ? { count: String(result.count) } : undefined);
  refresh();
  return done("deleted");
}
