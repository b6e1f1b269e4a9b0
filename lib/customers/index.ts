export { createCustomer, type CreateCustomerResult, type CustomerView, findCustomersByEmail, findCustomersByPhone, getCustomer, toCustomerView } from "./customers";
export { E164_PATTERN, normalizeEmail, normalizePhone } from "./normalize";
export { InvalidPhoneNumberError, openCustomerFields, sealCustomerFields } from "./protect";
export { type CustomerFieldErrors, type CustomerInput, customerInputSchema } from "./schemas";
