import type { z } from "zod";
import type { Locale } from "@/lib/i18n/config";
import type { RenderContext } from "./format";
import { type MailBlock, type MailContent, renderMail } from "./layout";

/** A template: the data it needs (validated before rendering) and its words in each language. */
export type MailTemplate<S extends z.ZodType> = {
  schema: S;
  render: (data: z.output<S>, context: RenderContext) => MailContent;
};

export function defineTemplate<S extends z.ZodType>(
  schema: S,
  copy: Record<Locale, (data: z.output<S>, context: RenderContext) => MailBlock>,
): MailTemplate<S> {
  return { schema, render: (data, context) => renderMail(context.locale, copy[context.locale](data, context)) };
}
