export { createCustomer, type CreateCustomerResult, type CustomerView, findCustomersByEmail, findCustomersByPhone, getCustomer, toCustomerView } from "./customers";
export { deleteCustomer, type DeleteCustomerResult, restoreCustomer, type RestoreCustomerResult } from "./delete-customer";
export { ERASED_LAST_NAME, eraseCustomer, type EraseCustomerResult } from "./erase-customer";
export { type CustomerDataExport, exportCustomerData, type ExportCustomerDataResult } from "./export-customer-data";
export { type MergeCustomersResult, mergeCustomers, type MergeRefusal } from "./merge-customers";
export { E164_PATTERN, normalizeEmail, normalizePhone } from "./normalize";
export { InvalidPhoneNumberError, openCustomerFields, sealCustomerFields } from "./protect";
export { type CustomerFieldErrors, type CustomerInput, customerIdSchema, customerInputSchema } from "./schemas";
export { type CustomerNotFound, updateCustomer, type UpdateCustomerResult } from "./update-customer";
