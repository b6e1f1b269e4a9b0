import { purgeExpiredAuthRecords } from "./functions/purge-expired-auth-records";

export { inngest } from "./client";

/** Every function the app serves; later issues add theirs here. */
export const functions = [purgeExpiredAuthRecords];
