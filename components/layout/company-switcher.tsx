"use client";

import { Building2, ChevronsUpDown } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";

export type SwitcherCompany = { id: string; name: string; status: "trial" | "active" | "suspended" | "archived" };

/** The server action that switches the acting company (app/(portal)/actions.ts), passed in by the layout. */
export type SwitchCompany = (companyId: string) => Promise<{ ok: boolean }>;

/** A platform admin picks the company they act for; the server action checks the choice. */
export function CompanySwitcher({
  companies,
  currentCompanyId,
  switchCompany,
}: {
  companies: SwitcherCompany[];
  currentCompanyId: string | null;
  switchCompany: SwitchCompany;
}) {
  const t = useTranslations();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState(false);
  const current = companies.find((c) => c.id === currentCompanyId);

  function choose(id: string) {
    if (id === currentCompanyId) return;
    setFailed(false);
    startTransition(async () => {
      const result = await switchCompany(id);
      if (!result.ok) {
        setFailed(true);
        return;
      }
      if (pathname.startsWith("/select-company")) router.push("/dashboard");
      router.refresh();
    });
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          data-testid="company-switcher"
          aria-label={t("shell.company.switch")}
          aria-busy={pending}
          className={cn("max-w-[10rem] justify-between gap-1.5 sm:max-w-[16rem] sm:gap-2", pending && "opacity-60", failed && "border-destructive")}
        >
          <Building2 className="hidden size-4 text-muted-foreground sm:block" />
          <span className="truncate">{current?.name ?? t("shell.company.none")}</span>
          <ChevronsUpDown className="size-3.5 text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-72">
        <DropdownMenuLabel>{current ? t("shell.company.actingFor") : t("shell.company.none")}</DropdownMenuLabel>
        {failed && (
          <p role="alert" className="px-2 pb-1.5 text-xs text-destructive">
            {t("shell.company.error")}
          </p>
        )}
        <DropdownMenuSeparator />
        {companies.length === 0 ? (
          <p className="px-2 py-1.5 text-sm text-muted-foreground">{t("shell.company.empty")}</p>
        ) : (
          <DropdownMenuRadioGroup value={currentCompanyId ?? ""} onValueChange={choose}>
            {companies.map((company) => (
              <DropdownMenuRadioItem
                key={company.id}
                value={company.id}
                data-testid="company-option"
                data-company-id={company.id}
              >
                <span className="truncate">{company.name}</span>
                {company.status !== "active" && (
                  <span className="ml-auto text-[11px] text-muted-foreground">{t(`companyStatus.${company.status}`)}</span>
                )}
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
