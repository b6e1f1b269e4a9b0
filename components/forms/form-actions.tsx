import { LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/**
 * A form's footer: "Create" (new record) or "Save" with a spinner while the action runs, and
 * "Cancel" back to where the user came from (none without cancelHref). Test ids
 * `<testIdPrefix>-submit` and `<testIdPrefix>-cancel`.
 */
export function FormActions({ creating, pending, cancelHref, testIdPrefix }: { creating: boolean; pending: boolean; cancelHref?: string | null; testIdPrefix: string }) {
  const t = useTranslations("forms");
  return (
    <div className="flex flex-wrap gap-2">
      <Button type="submit" disabled={pending} data-testid={`${testIdPrefix}-submit`}>
        {pending && <LoaderCircle className="animate-spin" />}
        {creating ? t("create") : t("save")}
      </Button>
      {cancelHref && (
        <Button variant="outline" asChild>
          <Link href={cancelHref} data-testid={`${testIdPrefix}-cancel`}>
            {t("cancel")}
          </Link>
        </Button>
      )}
    </div>
  );
}
