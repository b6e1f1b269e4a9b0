"use client";

import { LoaderCircle, Search, UserPlus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useFieldErrorText } from "@/components/forms/use-field-error-text";
import { createCustomerAction, type CustomerOption, searchCustomersAction } from "../actions";

// Choose the appointment's customer: type a name (prefix) or a phone number and pick from what
// the server finds, or create a new customer inline (first and last name, phone).

export function CustomerPicker({
  value,
  onChange,
  error,
  canCreate,
}: {
  value: CustomerOption | null;
  onChange: (customer: CustomerOption | null) => void;
  error?: string | null;
  canCreate: boolean;
}) {
  const t = useTranslations("appointmentForm");
  const tErrors = useFieldError();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<{ q: string; rows: CustomerOption[] } | null>(null);
  const [creating, setCreating] = useState(false);
  const q = query.trim();
  const results = q.length >= 2 && found?.q === q ? found.rows : null;
  const searching = q.length >= 2 && found?.q !== q;

  useEffect(() => {
    if (q.length < 2) return;
    let current = true;
    const timer = setTimeout(async () => {
      const rows = await searchCustomersAction(q).catch(() => []);
      if (current) setFound({ q, rows });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);

  if (value) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border bg-muted/40 px-3 py-2" data-testid="appointment-form-customer-selected">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium">{value.name}</p>
          {value.phone && <p className="text-xs text-muted-foreground tabular-nums">{value.phone}</p>}
        </div>
        <Button type="button" variant="ghost" size="sm" onClick={() => onChange(null)} data-testid="appointment-form-customer-change">
          <X />
          {t("customer.change")}
        </Button>
      </div>
    );
  }

  if (creating) {
    return <NewCustomer onCreated={(c) => { setCreating(false); onChange(c); }} onCancel={() => setCreating(false)} tErrors={tErrors} initialName={query} />;
  }

  return (
    <div className="flex flex-col gap-2">
      <FormField id="customer-search" label={t("fields.customer")} error={error} hint={t("customer.hint")}>
        <div className="relative">
          <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            {...fieldA11y("customer-search", error)}
            type="search"
            autoComplete="off"
            className="pl-8"
            placeholder={t("customer.searchPlaceholder")}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              if (results?.length === 1) onChange(results[0]!);
            }}
            role="combobox"
            aria-expanded={results !== null}
            aria-controls={listId}
            data-testid="appointment-form-customer-search"
          />
          {searching && <LoaderCircle className="absolute top-1/2 right-2.5 size-4 -translate-y-1/2 animate-spin text-muted-foreground" />}
        </div>
      </FormField>
      {results !== null && (
        <ul id={listId} role="listbox" className="flex flex-col divide-y rounded-md border" data-testid="appointment-form-customer-results">
          {results.length === 0 ? (
            <li className="px-3 py-2 text-sm text-muted-foreground">{t("customer.noResults")}</li>
          ) : (
            results.map((c) => (
              <li key={c.id} role="option" aria-selected={false}>
                <button
                  type="button"
                  className="flex w-full items-center justify-between gap-3 px-3 py-2 text-left text-sm hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
                  onClick={() => onChange(c)}
                  data-testid="appointment-form-customer-option"
                >
                  <span className="truncate font-medium">{c.name}</span>
                  {c.phone && <span className="shrink-0 text-xs text-muted-foreground tabular-nums">{c.phone}</span>}
                </button>
              </li>
            ))
          )}
        </ul>
      )}
      {canCreate && (
        <div>
          <Button type="button" variant="outline" size="sm" onClick={() => setCreating(true)} data-testid="appointment-form-customer-new">
            <UserPlus />
            {t("customer.new")}
          </Button>
        </div>
      )}
    </div>
  );
}

/** A field error code → text: the form's own catalog first, then the shared one. */
export function useFieldError() {
  return useFieldErrorText("appointmentForm.fieldErrors", { fallback: "required" });
}

function NewCustomer({
  onCreated,
  onCancel,
  tErrors,
  initialName,
}: {
  onCreated: (customer: CustomerOption) => void;
  onCancel: () => void;
  tErrors: (code: string | null | undefined) => string | null;
  initialName: string;
}) {
  const t = useTranslations("appointmentForm");
  const tForms = useTranslations("forms");
  const looksLikePhone = /^\+?[\d\s\-/()]{5,}$/.test(initialName.trim());
  const words = looksLikePhone ? [] : initialName.trim().split(/\s+/).filter(Boolean);
  const [firstName, setFirstName] = useState(words.length > 1 ? words.slice(0, -1).join(" ") : (words[0] ?? ""));
  const [lastName, setLastName] = useState(words.length > 1 ? words.at(-1)! : "");
  const [phone, setPhone] = useState(looksLikePhone ? initialName.trim() : "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  const submit = () =>
    startTransition(async () => {
      const result = await createCustomerAction({ firstName, lastName, phone });
      if (result.ok) onCreated(result.customer);
      else setErrors(result.fieldErrors);
    });

  return (
    <div
      className="flex flex-col gap-3 rounded-md border p-3"
      data-testid="appointment-form-new-customer"
      onKeyDown={(e) => {
        // Enter here creates the customer; it must not submit the appointment form around it.
        if (e.key === "Enter" && e.target instanceof HTMLInputElement) {
          e.preventDefault();
          submit();
        }
      }}
    >
      <p className="text-sm font-medium">{t("customer.newTitle")}</p>
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField id="new-customer-first-name" label={t("customer.firstName")} error={tErrors(errors.firstName)}>
          <Input {...fieldA11y("new-customer-first-name", errors.firstName)} value={firstName} onChange={(e) => setFirstName(e.target.value)} maxLength={100} data-testid="appointment-form-new-first-name" />
        </FormField>
        <FormField id="new-customer-last-name" label={t("customer.lastName")} error={tErrors(errors.lastName)}>
          <Input {...fieldA11y("new-customer-last-name", errors.lastName)} value={lastName} onChange={(e) => setLastName(e.target.value)} maxLength={100} data-testid="appointment-form-new-last-name" />
        </FormField>
        <FormField id="new-customer-phone" label={t("customer.phone")} error={tErrors(errors.phone)}>
          <Input {...fieldA11y("new-customer-phone", errors.phone)} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={40} data-testid="appointment-form-new-phone" />
        </FormField>
      </div>
      <div className="flex gap-2">
        <Button
          type="button"
          size="sm"
          disabled={pending}
          onClick={submit}
          data-testid="appointment-form-new-customer-save"
        >
          {pending && <LoaderCircle className="animate-spin" />}
          {t("customer.create")}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onCancel} disabled={pending}>
          {tForms("cancel")}
        </Button>
      </div>
    </div>
  );
}
