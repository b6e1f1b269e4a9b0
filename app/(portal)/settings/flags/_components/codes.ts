// Codes the flags page's actions return, narrowed to the keys the catalogs have.

const MESSAGE_CODES = ["overrideSaved", "created", "updated", "invalid", "unknown_flag", "forbidden", "exists", "generic"] as const;
export type MessageCode = (typeof MESSAGE_CODES)[number];

export function messageCode(code: string): MessageCode {
  return (MESSAGE_CODES as readonly string[]).includes(code) ? (code as MessageCode) : "generic";
}

const FIELD_CODES = ["required", "pattern", "tooLong", "percentage", "exists"] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

/** Anything unexpected (a zod default message) reads as "required". */
export function fieldCode(code: string | undefined): FieldCode | null {
  if (!code) return null;
  return (FIELD_CODES as readonly string[]).includes(code) ? (code as FieldCode) : "required";
}
