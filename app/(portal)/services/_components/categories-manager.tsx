"use client";

import { ArrowDown, ArrowUp, CircleAlert, CircleCheck, LoaderCircle, Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useOptimistic, useState, useTransition } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { MAX_CATEGORY_NAME } from "@/lib/services/schemas";
import {
  createCategoryAction,
  deleteCategoryAction,
  renameCategoryAction,
  reorderCategoriesAction,
  type ServiceActionState,
} from "../actions";
import { useFieldErrorText } from "./field-error";

type Category = { id: string; name: string; serviceCount: number };

const initial: ServiceActionState = { ok: true, message: null };

/** The categories in their order: add, rename inline, move up/down, delete (refused while in use). */
export function CategoriesManager({ categories, readOnly }: { categories: Category[]; readOnly: boolean }) {
  const t = useTranslations("services.categories");
  const errorText = useFieldErrorText();
  const [notice, setNotice] = useState<ServiceActionState | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [order, setOrder] = useOptimistic(categories);
  const [moving, startMove] = useTransition();

  const message = (state: ServiceActionState | null) =>
    state?.message ? t(`messages.${state.message}` as "messages.created", { count: Number(state.values?.count ?? 0) }) : null;

  const [created, create, creating] = useActionState(async (previous: ServiceActionState, formData: FormData) => {
    const next = await createCategoryAction(previous, formData);
    setNotice(next.ok ? next : null);
    return next;
  }, initial);
  const submitCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      await create(data);
    });
    // Cleared once the server answered ok (below, through the key).
  };

  const move = (index: number, by: -1 | 1) => {
    const next = [...order];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    startMove(async () => {
      setOrder(next);
      const data = new FormData();
      data.set("order", next.map((c) => c.id).join(","));
      setNotice(await reorderCategoriesAction(initial, data));
    });
  };

  const remove = (id: string) =>
    startMove(async () => {
      const data = new FormData();
      data.set("id", id);
      setNotice(await deleteCategoryAction(initial, data));
    });

  const createError = created.ok ? null : errorText(created.fieldErrors?.name);

  return (
    <div className="flex flex-col gap-4">
      {notice?.message && (
        <Alert variant={notice.ok ? "default" : "destructive"} role="status" data-testid="categories-message">
          {notice.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{message(notice)}</AlertDescription>
        </Alert>
      )}
      {!readOnly && (
        <form onSubmit={submitCreate} noValidate className="flex flex-col gap-1.5" data-testid="category-create-form" key={created.ok ? created.at : "open"}>
          <label htmlFor="category-new-name" className="text-sm font-medium">
            {t("newLabel")}
          </label>
          <div className="flex gap-2">
            <Input
              name="name"
              placeholder={t("newPlaceholder")}
              maxLength={MAX_CATEGORY_NAME}
              autoComplete="off"
              defaultValue={created.ok ? "" : (created.values?.name ?? "")}
              className="max-w-sm"
              {...fieldA11y("category-new-name", createError)}
              data-testid="category-new-name"
            />
            <Button type="submit" disabled={creating} data-testid="category-create">
              {creating ? <LoaderCircle className="animate-spin" /> : <Plus />}
              {t("add")}
            </Button>
          </div>
          {createError && (
            <p id="category-new-name-error" className="text-sm text-destructive" data-testid="category-new-name-error">
              {createError}
            </p>
          )}
        </form>
      )}
      {order.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground" data-testid="categories-empty">
          {t("empty")}
        </p>
      ) : (
        <ol className="divide-y rounded-md border" data-testid="categories-list" aria-busy={moving}>
          {order.map((category, index) => (
            <li key={category.id} className="flex flex-wrap items-center gap-3 px-3 py-2" data-testid="category-row" data-id={category.id}>
              {editing === category.id ? (
                <RenameForm category={category} onDone={(state) => {
                  setNotice(state);
                  setEditing(null);
                }} onCancel={() => setEditing(null)} />
              ) : (
                <>
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium" data-testid="category-name">
                      {category.name}
                    </span>
                    <span className="text-xs text-muted-foreground" data-testid="category-service-count">
                      {t("serviceCount", { count: category.serviceCount })}
                    </span>
                  </span>
                  {!readOnly && (
                    <span className="flex items-center gap-1">
                      <Button variant="ghost" size="icon-sm" disabled={moving || index === 0} onClick={() => move(index, -1)} aria-label={t("moveUp", { name: category.name })} data-testid="category-up">
                        <ArrowUp />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        disabled={moving || index === order.length - 1}
                        onClick={() => move(index, 1)}
                        aria-label={t("moveDown", { name: category.name })}
                        data-testid="category-down"
                      >
                        <ArrowDown />
                      </Button>
                      <Button variant="ghost" size="sm" onClick={() => setEditing(category.id)} data-testid="category-rename">
                        <Pencil />
                        {t("rename")}
                      </Button>
                      <Button variant="ghost" size="icon-sm" disabled={moving} onClick={() => remove(category.id)} aria-label={t("delete", { name: category.name })} data-testid="category-delete">
                        <Trash2 />
                      </Button>
                    </span>
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function RenameForm({ category, onDone, onCancel }: { category: Category; onDone: (state: ServiceActionState) => void; onCancel: () => void }) {
  const t = useTranslations("services.categories");
  const errorText = useFieldErrorText();
  const [state, action, pending] = useActionState(async (previous: ServiceActionState, formData: FormData) => {
    const next = await renameCategoryAction(previous, formData);
    if (next.ok) onDone(next);
    return next;
  }, initial);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  const error = state.ok ? null : (errorText(state.fieldErrors?.name) ?? (state.message ? t(`messages.${state.message}` as "messages.not_found") : null));
  const inputId = `category-rename-${category.id}`;
  return (
    <form onSubmit={submit} noValidate className="flex flex-1 flex-col gap-1" data-testid="category-rename-form">
      <input type="hidden" name="id" value={category.id} />
      <div className="flex flex-wrap gap-2">
        <Input
          name="name"
          defaultValue={state.values?.name ?? category.name}
          maxLength={MAX_CATEGORY_NAME}
          autoComplete="off"
          autoFocus
          aria-label={t("name")}
          className="max-w-sm"
          {...fieldA11y(inputId, error)}
          data-testid="category-rename-name"
        />
        <Button type="submit" size="sm" disabled={pending} data-testid="category-rename-save">
          {pending && <LoaderCircle className="animate-spin" />}
          {t("save")}
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onCancel} data-testid="category-rename-cancel">
          {t("cancel")}
        </Button>
      </div>
      {error && (
        <p id={`${inputId}-error`} className="text-sm text-destructive" data-testid="category-rename-error">
          {error}
        </p>
      )}
    </form>
  );
}
