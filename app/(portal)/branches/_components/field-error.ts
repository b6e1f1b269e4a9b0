"use client";

import { useFieldErrorText as useSharedFieldErrorText } from "@/components/forms/use-field-error-text";

/** Field error code → text: the branch's own wording first (branches.fieldErrors), else the common one. */
export const useFieldErrorText = () => useSharedFieldErrorText("branches.fieldErrors");
