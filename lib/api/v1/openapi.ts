import "server-only";
import { z } from "zod";
import { API_SCOPES } from "@/lib/api/scopes";
import { apiErrorSchema } from "./errors";
import type { Operation } from "./operation";
import { operations } from "./registry";
import { API_BODY_LIMIT } from "./route";

// /api/v1/openapi.json, generated from the operation registry: every schema below is
// z.toJSONSchema of the very zod schema the handlers validate with (requests as their input,
// responses as their output), in JSON Schema draft 2020-12, which OpenAPI 3.1 uses. Nothing here
// is written by hand but titles and descriptions.

type JsonSchema = Record<string, unknown>;

/** z.toJSONSchema without the $schema line (a component is not a schema document). */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Path or query parameters: one per property of the object schema. */
function parametersOf(schema: z.ZodType | undefined, location: "path" | "query") {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as { description?: string } & JsonSchema;
    return {
      name,
      in: location,
      required: location === "path" || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const errorResponse = (description: string, codes: readonly string[]) => ({
  description: `${description} Codes: ${codes.join(", ")}.`,
  content: { "application/json": { schema: ref("Error") } },
});

function responsesOf(op: Operation) {
  const responses: Record<string, unknown> = {
    [op.response.status]: {
      description: op.response.status === 201 ? "Created" : "OK",
      content: { "application/json": { schema: ref(op.response.name) } },
    },
  };
  const errors: { status: number; codes: readonly string[]; description: string }[] = [
    ...(op.query || op.body ? [{ status: 400, codes: ["invalid_input", ...(op.body ? ["malformed_json"] : [])], description: "Invalid input; details.issues names the fields." }] : []),
    { status: 401, codes: ["invalid_token"], description: "Missing, malformed, unknown, revoked or expired token." },
    { status: 403, codes: ["insufficient_scope"], description: `The token lacks the scope ${op.scope}.` },
    ...(op.params ? [{ status: 404, codes: ["not_found"], description: "No such resource in the token's company." }] : []),
    ...(op.body
      ? [
          { status: 413, codes: ["payload_too_large"], description: `Body larger than ${API_BODY_LIMIT / 1024} KB.` },
          { status: 415, codes: ["unsupported_media_type"], description: "Body not sent as application/json." },
        ]
      : []),
    { status: 429, codes: ["rate_limited"], description: "Too many requests with this token in the current minute; see Retry-After." },
    ...(op.errors ?? []),
  ];
  const byStatus = new Map<number, { codes: string[]; descriptions: string[] }>();
  for (const error of errors) {
    const entry = byStatus.get(error.status) ?? { codes: [], descriptions: [] };
    entry.codes.push(...error.codes.filter((c) => !entry.codes.includes(c)));
    if (!entry.descriptions.includes(error.description)) entry.descriptions.push(error.description);
    byStatus.set(error.status, entry);
  }
  for (const [status, entry] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = errorResponse(entry.descriptions.join(" "), entry.codes);
  }
  return responses;
}

export function buildOpenApiDocument() {
  const schemas: Record<string, JsonSchema> = { Error: jsonSchemaOf(apiErrorSchema, "output") };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    schemas[op.response.name] = jsonSchemaOf(op.response.schema, "output");
    if (op.body) schemas[op.body.name] = jsonSchemaOf(op.body.schema, "input");
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      description: `${op.description ? `${op.description}\n\n` : ""}Requires scope \`${op.scope}\`.`,
      "x-required-scope": op.scope,
      security: [{ bearerToken: [op.scope] }],
      parameters: [...parametersOf(op.params, "path"), ...parametersOf(op.query, "query")],
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: ref(op.body.name) } } } }
        : {}),
      responses: responsesOf(op),
    };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "AskProAI API",
      version: "1.0.0",
      description:
        "REST API of one company. Authenticate with `Authorization: Bearer <token>` (settings → API tokens); the token decides the company and its scopes what it may do. " +
        "Lists are cursor-paginated (`?limit=` 1–100, default 50; pass `next_cursor` as `?cursor=`). Errors are `{ error: { code, message, details? } }` with a stable code. " +
        "Every authenticated answer carries RateLimit-Limit/-Remaining/-Reset (requests per token and minute).",
    },
    servers: [{ url: "/api/v1" }],
    tags: [{ name: "Appointments" }, { name: "Customers" }, { name: "Calls" }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "apk_<8 characters>_<43 characters>",
          description: `API token of a company. Scopes: ${API_SCOPES.join(", ")}.`,
        },
      },
    },
  };
}
