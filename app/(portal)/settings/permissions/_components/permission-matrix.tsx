import { Check, Minus } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { UserRole } from "@/db/schema/users";
import { type Permission, permissionEntries, resources, roles, type Scope } from "@/lib/auth/permissions";
import { cn } from "@/lib/utils";

type ActionLabel = "read" | "create" | "update" | "delete" | "manage" | "revoke" | "override" | "define" | "billing";

/** Where the plain action name would say too little. */
const actionLabels: Partial<Record<Permission, ActionLabel>> = {
  "api_tokens:delete": "revoke",
  "feature_flags:update": "override",
  "feature_flags:manage": "define",
  "invoices:manage": "billing",
};

/** Resources × actions, one column per role, grouped by resource; straight from the table. */
export async function PermissionMatrix({ currentRole }: { currentRole: UserRole }) {
  const t = await getTranslations();
  return (
    <div className="flex flex-col gap-3">
      <Card className="gap-0 overflow-hidden py-0">
        <div className="overflow-x-auto">
          <table className="w-full min-w-[46rem] border-collapse text-sm" data-testid="permission-matrix">
            <caption className="sr-only">{t("permissions.caption")}</caption>
            <thead>
              <tr className="border-b bg-muted/60">
                <th scope="col" className="px-4 py-3 text-left font-medium text-muted-foreground">
                  {t("permissions.permissionColumn")}
                </th>
                {roles.map((role) => (
                  <th
                    key={role}
                    scope="col"
                    data-testid={`matrix-role-${role}`}
                    className={cn("w-[12%] px-2 py-3 text-center font-medium", role === currentRole && "bg-primary/8")}
                  >
                    {t(`roles.${role}`)}
                    {role === currentRole && (
                      <span className="block text-[11px] font-normal text-primary">{t("permissions.yourRole")}</span>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            {resources.map((resource) => (
              <tbody key={resource} data-testid={`matrix-${resource}`} className="border-b last:border-b-0">
                <tr>
                  <th scope="rowgroup" colSpan={roles.length + 1} className="px-4 pt-3.5 pb-1.5 text-left font-normal">
                    <span className="font-semibold">{t(`permissions.resources.${resource}.name`)}</span>
                    <span className="ml-2 text-xs text-muted-foreground">{t(`permissions.resources.${resource}.description`)}</span>
                  </th>
                </tr>
                {permissionEntries
                  .filter((entry) => entry.resource === resource)
                  .map(({ permission, action, grants }) => (
                    <tr key={permission} data-testid={`matrix-row-${permission}`} className="hover:bg-muted/30">
                      <th scope="row" className="py-2 pr-4 pl-7 text-left font-normal">
                        {t(`permissions.actions.${actionLabels[permission] ?? action}`)}
                        <code className="ml-2 hidden font-mono text-[11px] text-muted-foreground sm:inline">{permission}</code>
                      </th>
                      {roles.map((role) => (
                        <MatrixCell
                          key={role}
                          testId={`cell-${permission}-${role}`}
                          scope={grants[role] ?? null}
                          highlighted={role === currentRole}
                          labels={{
                            allowed: t("permissions.allowed"),
                            denied: t("permissions.denied"),
                            ownBranches: t("permissions.ownBranches"),
                          }}
                        />
                      ))}
                    </tr>
                  ))}
              </tbody>
            ))}
          </table>
        </div>
      </Card>
      <ul className="flex flex-wrap gap-x-6 gap-y-1.5 text-xs text-muted-foreground" data-testid="matrix-legend">
        <li className="flex items-center gap-1.5">
          <Check className="size-3.5 text-success" aria-hidden="true" />
          {t("permissions.legend.allowed")}
        </li>
        <li className="flex items-center gap-1.5">
          <Check className="size-3.5 text-warning" aria-hidden="true" />
          {t("permissions.legend.ownBranches")}
        </li>
        <li className="flex items-center gap-1.5">
          <Minus className="size-3.5 text-muted-foreground/60" aria-hidden="true" />
          {t("permissions.legend.denied")}
        </li>
      </ul>
    </div>
  );
}

function MatrixCell({
  testId,
  scope,
  highlighted,
  labels,
}: {
  testId: string;
  scope: Scope | null;
  highlighted: boolean;
  labels: { allowed: string; denied: string; ownBranches: string };
}) {
  return (
    <td data-testid={testId} data-scope={scope ?? "none"} className={cn("px-2 py-2 text-center align-middle", highlighted && "bg-primary/8")}>
      {scope === null ? (
        <>
          <Minus className="mx-auto size-4 text-muted-foreground/50" aria-hidden="true" />
          <span className="sr-only">{labels.denied}</span>
        </>
      ) : (
        <span className="inline-flex flex-col items-center gap-0.5">
          <Check className={cn("size-4", scope === "branches" ? "text-warning" : "text-success")} aria-hidden="true" />
          <span className="sr-only">{scope === "branches" ? `${labels.allowed}, ` : labels.allowed}</span>
          {scope === "branches" && <span className="text-[11px] leading-tight text-warning">{labels.ownBranches}</span>}
        </span>
      )}
    </td>
  );
}
