"use client";

import { useFieldErrorText as useSharedFieldErrorText } from "@/components/forms/use-field-error-text";

/** Field error code → text: the staff's own wording first (staff.fieldErrors), else the common one. */
export const useFieldErrorText = () => useSharedFieldErrorText("staff.fieldErrors");
