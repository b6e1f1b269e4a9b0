"use client";

import { CircleAlert, CircleCheck, LoaderCircle } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { intlLocale } from "@/lib/i18n/config";
import { saveServicesAction, type StaffFormState } from "../actions";
import { useFieldErrorText } from "./field-error";
import { useMessageText } from "./staff-delete";

export type ServiceChoice = { id: string; name: string; durationMinutes: number; priceCents: number; currency: string; isActive: boolean };
export type Performed = Record<string, { durationMinutes: number | null; priceCents: number | null }>;

const initial: StaffFormState = { ok: false };

/**
 * The services a staff member performs: the company's services as a checklist, each ticked one
 * with an optional own duration and price (blank: the service's, shown as placeholder).
 */
export function ServicesForm({ staffId, services, performed, readOnly }: { staffId: string; services: ServiceChoice[]; performed: Performed; readOnly?: boolean }) {
  const t = useTranslations("staff.services");
  const errorText = useFieldErrorText();
  const messageText = useMessageText();
  const locale = useLocale();
  const [state, action, pending] = useActionState(saveServicesAction, initial);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(Object.keys(performed)));
  const decimal = locale === "de" ? "," : ".";
  const amount = (cents: number) => (cents / 100).toFixed(2).replace(".", decimal);
  const money = (cents: number, currency: string) => new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency }).format(cents / 100);
  const errors = state.fieldErrors ?? {};
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };

  if (services.length === 0) return <p className="text-sm text-muted-foreground">{t("none")}</p>;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" data-testid="staff-services-form">
      <input type="hidden" name="id" value={staffId} />
      {state.message && (
        <Alert variant={state.ok ? "default" : "destructive"} role="status" data-testid="staff-services-message">
          {state.ok ? <CircleCheck /> : <CircleAlert />}
          <AlertDescription>{messageText(state)}</AlertDescription>
        </Alert>
      )}
      <ul className="divide-y rounded-lg border">
        {services.map((service) => {
          const on = ticked.has(service.id);
          const own = performed[service.id];
          const durationError = errorText(errors[`services.${service.id}.durationMinutes`]);
          const priceError = errorText(errors[`services.${service.id}.priceCents`]);
          const serviceError = errorText(errors[`services.${service.id}`]);
          const cid = `staff-service-${service.id}`;
          return (
            <li key={service.id} className="flex flex-col gap-2 px-3 py-2.5 sm:flex-row sm:items-start sm:gap-4" data-testid="staff-service-row">
              <label className="flex min-w-0 flex-1 items-start gap-2.5 pt-1.5 text-sm">
                <Checkbox
                  name="service"
                  value={service.id}
                  checked={on}
                  disabled={readOnly}
                  onCheckedChange={(value) => setTicked((current) => {
                    const next = new Set(current);
                    if (value === true) next.add(service.id);
                    else next.delete(service.id);
                    return next;
                  })}
                  className="mt-0.5"
                  data-testid={`${cid}-check`}
                />
                <span className="min-w-0">
                  <span className="font-medium">{service.name}</span>
                  {!service.isActive && <span className="ml-1.5 text-xs text-muted-foreground">({t("inactive")})</span>}
                  <span className="block text-xs text-muted-foreground">
                    {t("defaults", { minutes: service.durationMinutes, price: money(service.priceCents, service.currency) })}
                  </span>
                  {serviceError && <span className="block text-sm text-destructive">{serviceError}</span>}
                </span>
              </label>
              {on && (
                <div className="flex gap-2 pl-6 sm:pl-0">
                  <div className="grid gap-1">
                    <label htmlFor={`${cid}-duration`} className="text-xs text-muted-foreground">
                      {t("ownDuration")}
                    </label>
                    <Input
                      id={`${cid}-duration`}
                      name={`duration.${service.id}`}
                      defaultValue={own?.durationMinutes ?? ""}
                      placeholder={String(service.durationMinutes)}
                      inputMode="numeric"
                      className="w-24 tabular-nums"
                      disabled={readOnly}
                      aria-invalid={durationError ? true : undefined}
                      aria-describedby={durationError ? `${cid}-duration-error` : undefined}
                      data-testid={`${cid}-duration`}
                    />
                    {durationError && (
                      <p id={`${cid}-duration-error`} className="max-w-40 text-xs text-destructive" data-testid={`${cid}-duration-error`}>
                        {durationError}
                      </p>
                    )}
                  </div>
                  <div className="grid gap-1">
                    <label htmlFor={`${cid}-price`} className="text-xs text-muted-foreground">
                      {t("ownPrice", { currency: service.currency })}
                    </label>
                    <Input
                      id={`${cid}-price`}
                      name={`price.${service.id}`}
                      defaultValue={own?.priceCents != null ? amount(own.priceCents) : ""}
                      placeholder={amount(service.priceCents)}
                      inputMode="decimal"
                      className="w-28 tabular-nums"
                      disabled={readOnly}
                      aria-invalid={priceError ? true : undefined}
                      aria-describedby={priceError ? `${cid}-price-error` : undefined}
                      data-testid={`${cid}-price`}
                    />
                    {priceError && (
                      <p id={`${cid}-price-error`} className="max-w-48 text-xs text-destructive" data-testid={`${cid}-price-error`}>
                        {priceError}
                      </p>
                    )}
                  </div>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {!readOnly && (
        <div>
          <Button type="submit" disabled={pending} data-testid="staff-services-submit">
            {pending && <LoaderCircle className="animate-spin" />}
            {t("save")}
          </Button>
        </div>
      )}
    </form>
  );
}
