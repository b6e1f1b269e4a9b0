import "server-only";
import type { Operation } from "./operation";
import { createAppointmentOperation, getAppointment, listAppointments } from "./operations/appointments";
import { listCalls } from "./operations/calls";
import { listCustomers } from "./operations/customers";

// Every /api/v1 operation, in the order the OpenAPI document lists them. A route file serves the
// operations of its path (lib/api/v1/route.ts); nothing is served that is not listed here.

export const operations: readonly Operation[] = [listAppointments, createAppointmentOperation, getAppointment, listCustomers, listCalls];
