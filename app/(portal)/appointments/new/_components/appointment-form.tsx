"use client";

import { CircleAlert, LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import type { BookingOptions } from "@/lib/appointments/slots";
import { type FormState, initialFormState } from "@/lib/forms/form-state";
import { intlLocale } from "@/lib/i18n/config";
import { type AppointmentFormField, createAppointmentAction, type CustomerOption, type PickerSlot } from "../actions";
import { CustomerPicker, useFieldError } from "./customer-picker";
import { SlotPicker } from "./slot-picker";

export type Prefill = {
  branchId: string;
  serviceId: string;
  /** "" = any eligible staff member. */
  staffId: string;
  customer: CustomerOption | null;
  date: string;
  time: string;
};

const MAX_NOTES = 2000;

export function AppointmentForm({ options, prefill, canCreateCustomer }: { options: BookingOptions; prefill: Prefill; canCreateCustomer: boolean }) {
  const t = useTranslations("appointmentForm");
  const locale = useLocale();
  const fieldError = useFieldError();
  const [state, action, pending] = useActionState<FormState<AppointmentFormField>, FormData>(createAppointmentAction, initialFormState);
  const [branchId, setBranchId] = useState(prefill.branchId);
  const [serviceId, setServiceId] = useState(prefill.serviceId);
  const [staffId, setStaffId] = useState(prefill.staffId);
  const [customer, setCustomer] = useState<CustomerOption | null>(prefill.customer);
  const [date, setDate] = useState(prefill.date);
  const [time, setTime] = useState(prefill.time);
  const [notes, setNotes] = useState("");
  /** The slot picked in the picker: its start, and its staff member when "any" was chosen. */
  const [picked, setPicked] = useState<PickerSlot | null>(null);

  const branch = options.branches.find((b) => b.id === branchId);
  const services = options.services.filter((s) => s.branchId === null || s.branchId === branchId);
  const eligible = options.staff.filter((s) => s.branchIds.includes(branchId) && s.serviceIds.includes(serviceId));
  const anyStaff = staffId === "";
  const bookedStaffId = staffId || picked?.staffId || "";
  const error = (field: AppointmentFormField) => fieldError(state.fieldErrors?.[field]);

  const chooseBranch = (id: string) => {
    setBranchId(id);
    setPicked(null);
    const stillOffered = options.services.some((s) => s.id === serviceId && (s.branchId === null || s.branchId === id));
    if (!stillOffered) setServiceId("");
    if (!options.staff.some((s) => s.id === staffId && s.branchIds.includes(id) && (!stillOffered || s.serviceIds.includes(serviceId)))) setStaffId("");
  };
  const chooseService = (id: string) => {
    setServiceId(id);
    setPicked(null);
    if (!options.staff.some((s) => s.id === staffId && s.branchIds.includes(branchId) && s.serviceIds.includes(id))) setStaffId("");
  };
  const pick = (slot: PickerSlot) => {
    setPicked(slot);
    setDate(slot.date);
    setTime(slot.time);
  };
  const pickedLabel = picked
    ? new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "full", timeStyle: "short", timeZone: branch?.timeZone }).format(new Date(picked.startsAt))
    : null;

  return (
    <form action={action} className="flex flex-col gap-6" data-testid="appointment-form" noValidate>
      <input type="hidden" name="staffId" value={bookedStaffId} />
      <input type="hidden" name="customerId" value={customer?.id ?? ""} />

      <Card>
        <CardHeader>
          <CardTitle>{t("sections.what")}</CardTitle>
        </CardHeader>
        <CardContent className="grid items-start gap-4 md:grid-cols-3">
          <FormField id="appointment-branch" label={t("fields.branch")} error={error("branchId")}>
            <NativeSelect
              {...fieldA11y("appointment-branch", error("branchId"))}
              name="branchId"
              value={branchId}
              onChange={(e) => chooseBranch(e.target.value)}
              data-testid="appointment-form-branch"
            >
              <option value="">{t("fields.choose")}</option>
              {options.branches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField id="appointment-service" label={t("fields.service")} error={error("serviceId")}>
            <NativeSelect
              {...fieldA11y("appointment-service", error("serviceId"))}
              name="serviceId"
              value={serviceId}
              disabled={!branchId}
              onChange={(e) => chooseService(e.target.value)}
              data-testid="appointment-form-service"
            >
              <option value="">{t("fields.choose")}</option>
              {services.map((s) => (
                <option key={s.id} value={s.id}>
                  {t("fields.serviceOption", { name: s.name, minutes: s.durationMinutes })}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField
            id="appointment-staff"
            label={t("fields.staff")}
            error={error("staffId")}
            hint={serviceId && eligible.length === 0 ? t("fields.noStaff") : undefined}
          >
            <NativeSelect
              {...fieldA11y("appointment-staff", error("staffId"))}
              value={staffId}
              disabled={!serviceId}
              onChange={(e) => {
                setStaffId(e.target.value);
                setPicked(null);
              }}
              data-testid="appointment-form-staff"
            >
              <option value="">{t("fields.anyStaff")}</option>
              {eligible.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("sections.customer")}</CardTitle>
        </CardHeader>
        <CardContent>
          <CustomerPicker value={customer} onChange={setCustomer} error={error("customerId")} canCreate={canCreateCustomer} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("sections.time")}</CardTitle>
          {branch && <CardDescription>{t("fields.timeHint", { timeZone: branch.timeZone })}</CardDescription>}
        </CardHeader>
        <CardContent className="flex flex-col gap-5">
          <SlotPicker
            branchId={branchId}
            serviceId={serviceId}
            staffId={staffId}
            anyStaff={anyStaff}
            initialFrom={prefill.date}
            selected={picked?.startsAt ?? null}
            onPick={pick}
            refreshToken={state}
          />
          <div className="grid gap-4 border-t pt-4 sm:grid-cols-[auto_auto_1fr] sm:items-start">
            <FormField id="appointment-date" label={t("fields.date")} error={error("date")}>
              <Input
                {...fieldA11y("appointment-date", error("date"))}
                name="date"
                type="date"
                className="sm:w-44"
                value={date}
                onChange={(e) => {
                  setDate(e.target.value);
                  setPicked(null);
                }}
                data-testid="appointment-form-date"
              />
            </FormField>
            <FormField id="appointment-time" label={t("fields.time")} error={error("time")}>
              <Input
                {...fieldA11y("appointment-time", error("time"))}
                name="time"
                type="time"
                step={300}
                className="sm:w-32"
                value={time}
                onChange={(e) => {
                  setTime(e.target.value);
                  setPicked(null);
                }}
                data-testid="appointment-form-time"
              />
            </FormField>
            {picked && (
              <p className="self-end pb-2 text-sm text-muted-foreground" data-testid="appointment-form-picked">
                {anyStaff ? t("slots.pickedWith", { when: pickedLabel!, name: picked.staffName }) : t("slots.pickedAt", { when: pickedLabel! })}
              </p>
            )}
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("sections.notes")}</CardTitle>
        </CardHeader>
        <CardContent>
          <FormField id="appointment-notes" label={t("fields.notes")} error={error("notes")} hint={t("fields.notesHint")}>
            <Textarea
              {...fieldA11y("appointment-notes", error("notes"))}
              name="notes"
              rows={3}
              maxLength={MAX_NOTES}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              data-testid="appointment-form-notes"
            />
          </FormField>
        </CardContent>
      </Card>

      {state.message && !state.ok && (
        <Alert variant="destructive" role="alert" data-testid="appointment-form-message" data-code={state.message}>
          <CircleAlert />
          <AlertDescription>
            {t(`messages.${state.message}` as "messages.invalid", { clash: state.messageValues?.clash ?? "", earliest: state.messageValues?.earliest ?? "" })}
          </AlertDescription>
        </Alert>
      )}

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending} data-testid="appointment-form-submit">
          {pending && <LoaderCircle className="animate-spin" />}
          {pending ? t("submitting") : t("submit")}
        </Button>
        <Button asChild variant="ghost">
          <Link href="/appointments">{t("cancel")}</Link>
        </Button>
      </div>
    </form>
  );
}
