import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ArrowLeft } from "lucide-react";
import { z } from "zod";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { getBookingOptions } from "@/lib/appointments/slots";
import { branchScope, can } from "@/lib/auth/permissions";
import { requireCompanyUser } from "@/lib/auth/session";
import { getCustomer } from "@/lib/customers";
import { AppointmentForm, type Prefill } from "./_components/appointment-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("appointmentForm");
  return { title: t("title") };
}

// Query parameters that prefill the form (the week calendar and a customer's page link here);
// anything malformed or not the viewer's is ignored.
const prefillSchema = z.object({
  branch: z.guid().optional().catch(undefined),
  service: z.guid().optional().catch(undefined),
  staff: z.guid().optional().catch(undefined),
  customer: z.guid().optional().catch(undefined),
  date: z.iso.date().optional().catch(undefined),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional()
    .catch(undefined),
});

// GET /appointments/new – book an appointment: branch, service, staff (or any), customer, a free
// slot from the availability engine (or a time typed by hand), notes.
export default async function NewAppointmentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireCompanyUser({ permission: "appointments:create" });
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const params = prefillSchema.parse(raw);
  const [t, scope] = await Promise.all([getTranslations("appointmentForm"), branchScope(user, "appointments:create")]);
  const options = await getBookingOptions(user.companyId, scope);

  const header = (
    <PageHeader
      title={t("title")}
      description={t("description")}
      actions={
        <Button asChild variant="outline">
          <Link href="/appointments" data-testid="appointment-form-back">
            <ArrowLeft />
            {t("back")}
          </Link>
        </Button>
      }
    />
  );
  if (options.branches.length === 0) {
    return (
      <div className="flex flex-col gap-6">
        {header}
        <p className="text-sm text-muted-foreground" data-testid="appointment-form-no-branch">
          {t("noBranch")}
        </p>
      </div>
    );
  }

  const branch = options.branches.find((b) => b.id === params.branch) ?? (options.branches.length === 1 ? options.branches[0] : undefined);
  const service = options.services.find((s) => s.id === params.service && (s.branchId === null || s.branchId === branch?.id));
  const member = options.staff.find((s) => s.id === params.staff && branch && s.branchIds.includes(branch.id));
  const customer = params.customer && can(user.role, "customers:read") ? await getCustomer(user.companyId, params.customer) : null;
  const prefill: Prefill = {
    branchId: branch?.id ?? "",
    serviceId: service?.id ?? "",
    staffId: member && (!service || member.serviceIds.includes(service.id)) ? member.id : "",
    customer: customer ? { id: customer.id, name: `${customer.firstName} ${customer.lastName}`.trim(), phone: customer.phone } : null,
    date: params.date ?? "",
    time: params.time ?? "",
  };

  return (
    <div className="flex flex-col gap-6">
      {header}
      <AppointmentForm options={options} prefill={prefill} canCreateCustomer={can(user.role, "customers:create")} />
    </div>
  );
}
