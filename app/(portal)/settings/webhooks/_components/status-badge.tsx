import { Badge } from "@/components/ui/badge";
import type { WebhookEventStatus } from "@/db/schema/webhooks";
import { webhookStatusVariant } from "@/lib/webhooks/constants";

/** An inbox event's status as a badge (the text comes from the page: webhooks.statuses.<status>). */
export function WebhookStatusBadge({ status, label, testId = "webhook-status" }: { status: WebhookEventStatus; label: string; testId?: string }) {
  return (
    <Badge variant={webhookStatusVariant[status]} data-testid={testId} data-status={status}>
      {label}
    </Badge>
  );
}
