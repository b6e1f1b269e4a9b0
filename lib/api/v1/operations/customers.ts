import "server-only";
import { and, asc, eq, isNull, type SQL } from "drizzle-orm";
import { withCompany } from "@/db";
import { customers } from "@/db/schema";
import { type CustomerView, findCustomersByEmail, findCustomersByPhone, toCustomerView } from "@/lib/customers";
import { afterAscending, decodeCursor, exactTimestamp, pageOf } from "../cursor";
import { defineOperation } from "../operation";
import { customerPageSchema, listCustomersQuerySchema } from "../schemas";

// GET /api/v1/customers: the company's customers, oldest first; phone and email are decrypted by
// lib/customers. ?phone= or ?email= is an exact lookup through the blind index (one page).

function toApiCustomer(view: CustomerView) {
  return {
    id: view.id,
    first_name: view.firstName,
    last_name: view.lastName,
    phone: view.phone,
    email: view.email,
    birthday: view.birthday,
    locale: view.locale,
    created_at: view.createdAt.toISOString(),
  };
}

export const listCustomers = defineOperation({
  operationId: "listCustomers",
  method: "GET",
  path: "/customers",
  scope: "customers:read",
  tag: "Customers",
  summary: "List or look up customers",
  description:
    "The company's customers by creation (then id). With phone or email: the customers with exactly that number or address (at most 50, no further page).",
  query: listCustomersQuerySchema,
  response: { status: 200, name: "CustomerPage", schema: customerPageSchema },
  handler: async ({ companyId, query }) => {
    if (query.phone || query.email) {
      const found = query.phone ? await findCustomersByPhone(companyId, query.phone) : await findCustomersByEmail(companyId, query.email!);
      return { data: found.map(toApiCustomer), next_cursor: null };
    }
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const where: (SQL | undefined)[] = [
      eq(customers.companyId, companyId),
      isNull(customers.deletedAt),
      cursor ? afterAscending(customers.createdAt, customers.id, cursor) : undefined,
    ];
    const rows = await withCompany(companyId, (tx) =>
      tx
        .select({ row: customers, id: customers.id, cursorAt: exactTimestamp(customers.createdAt) })
        .from(customers)
        .where(and(...where))
        .orderBy(asc(customers.createdAt), asc(customers.id))
        .limit(query.limit + 1),
    );
    const page = pageOf(rows, query.limit);
    return { data: page.rows.map((r) => toApiCustomer(toCustomerView(r.row))), next_cursor: page.nextCursor };
  },
});
