import { spokenList, type VoiceLocale } from "./format";

// What the agent says back from a tool, per branch language: short, one or two sentences, facts
// first, and a question when the caller has to choose. Values come in already spoken (dates,
// prices, durations from ./format), so these only put them into sentences. Both languages have
// the same keys by construction (the type below).

type Phrases = {
  unknownTool: string;
  notAvailable: string;
  internalError: string;
  branchUnavailable: string;
  missingArgs: (labels: string[]) => string;
  invalidArgs: (labels: string[]) => string;
  argLabels: Record<string, string>;
  unparseableDate: string;
  inThePast: string;
  // get_context
  context: (p: { branch: string; company: string; today: string; time: string; hoursToday: string }) => string;
  // check_customer / find_appointments
  withheldNumber: string;
  unknownCaller: string;
  knownCaller: (names: string[], upcoming: number) => string;
  noAppointments: string;
  appointments: (items: string[], more: number) => string;
  appointmentItem: (p: { service: string; when: string; staff: string | null; branch: string | null }) => string;
  // list_services
  noServices: string;
  services: (items: string[], more: number) => string;
  serviceItem: (p: { name: string; duration: string; price: string }) => string;
  // opening_hours
  hoursToday: (hours: string) => string;
  closedToday: string;
  noFixedHours: string;
  hoursOnDay: (day: string, hours: string, reason: string | null) => string;
  hoursWeek: (parts: string[]) => string;
  dayRange: (first: string, last: string) => string;
  // check_availability
  serviceNotFound: (service: string, examples: string[]) => string;
  ambiguous: (candidates: string[]) => string;
  staffNotFound: (staff: string, names: string[]) => string;
  slotFree: (when: string, staff: string | null) => string;
  slotTaken: (when: string, alternatives: string) => string;
  slotUnavailable: (when: string, alternatives: string) => string;
  closedOn: (day: string, alternatives: string) => string;
  freeIn: (alternatives: string) => string;
  noneInWindow: (alternatives: string) => string;
  nothingFree: string;
  // book / cancel / reschedule / request_callback
  needTime: string;
  booked: (p: { service: string; when: string; staff: string | null }) => string;
  justTaken: (when: string, alternatives: string) => string;
  notBookable: (when: string, alternatives: string) => string;
  takenNoAlternatives: (when: string) => string;
  appointmentNotFound: string;
  whichAppointment: (items: string[]) => string;
  cancelled: (p: { service: string; when: string }) => string;
  notChangeable: string;
  rescheduled: (p: { service: string; when: string; staff: string | null }) => string;
  withheldForCallback: string;
  callbackCreated: (when: string | null) => string;
};

const de: Phrases = {
  unknownTool: "Das kann ich leider nicht erledigen. Ich kann freie Termine prüfen, Leistungen und Öffnungszeiten nennen.",
  notAvailable: "Das kann ich am Telefon leider noch nicht erledigen. Es wurde nichts gespeichert.",
  internalError: "Da ist gerade etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.",
  branchUnavailable: "Diese Filiale ist telefonisch gerade nicht buchbar.",
  missingArgs: (labels) => `Dafür brauche ich noch ${spokenList(labels, "de")}.`,
  invalidArgs: (labels) => `Das habe ich nicht richtig verstanden: ${spokenList(labels, "de")}.`,
  argLabels: {
    service: "die gewünschte Leistung",
    staff: "den Namen der Mitarbeiterin oder des Mitarbeiters",
    date_phrase: "den gewünschten Tag",
    starts_at: "die gewünschte Uhrzeit",
    time: "die gewünschte Uhrzeit",
    first_name: "Ihren Vornamen",
    last_name: "Ihren Nachnamen",
    customer_name: "Ihren Namen",
    reason: "den Grund für den Rückruf",
    appointment_id: "den Termin",
    appointment_date_phrase: "den Tag des Termins",
    new_starts_at: "die neue Uhrzeit",
    new_date_phrase: "den neuen Tag",
  },
  unparseableDate: "Das Datum habe ich nicht verstanden. Für welchen Tag und welche Uhrzeit darf ich nachsehen?",
  inThePast: "Dieser Zeitpunkt liegt schon in der Vergangenheit. Für wann darf ich nachsehen?",
  context: (p) => `Sie sind verbunden mit ${p.branch} von ${p.company}. Heute ist ${p.today}, es ist ${p.time}. ${p.hoursToday}`,
  withheldNumber: "Ihre Rufnummer ist unterdrückt, daher kann ich Sie leider nicht zuordnen.",
  unknownCaller: "Unter Ihrer Rufnummer finde ich noch keinen Eintrag.",
  knownCaller: (names, upcoming) =>
    `Ich habe Sie gefunden: ${spokenList(names, "de")}. ` +
    (upcoming === 0 ? "Sie haben keinen anstehenden Termin." : upcoming === 1 ? "Sie haben einen anstehenden Termin." : `Sie haben ${upcoming} anstehende Termine.`),
  noAppointments: "Unter Ihrer Rufnummer finde ich keine anstehenden Termine.",
  appointments: (items, more) =>
    `${items.length === 1 ? "Ihr nächster Termin" : "Ihre nächsten Termine"}: ${spokenList(items, "de")}.` + (more > 0 ? ` Dazu kommen ${more} weitere.` : ""),
  appointmentItem: (p) => `${p.service} am ${p.when}${p.staff ? ` bei ${p.staff}` : ""}${p.branch ? ` in ${p.branch}` : ""}`,
  noServices: "Telefonisch kann ich in dieser Filiale derzeit keine Leistungen buchen.",
  services: (items, more) => `Wir bieten an: ${items.join("; ")}.` + (more > 0 ? ` Und ${more} weitere.` : ""),
  serviceItem: (p) => `${p.name}, ${p.duration}, ${p.price}`,
  hoursToday: (hours) => `Heute haben wir ${hours} geöffnet.`,
  closedToday: "Heute haben wir geschlossen.",
  noFixedHours: "Wir haben keine festen Öffnungszeiten; Termine gibt es nach Verfügbarkeit.",
  hoursOnDay: (day, hours, reason) =>
    hours === "geschlossen" ? `Am ${day} haben wir geschlossen${reason ? ` (${reason})` : ""}.` : `Am ${day} haben wir ${hours} geöffnet.`,
  hoursWeek: (parts) => `Unsere Öffnungszeiten: ${parts.join("; ")}.`,
  dayRange: (first, last) => `${first} bis ${last}`,
  serviceNotFound: (service, examples) =>
    `Die Leistung „${service}" finde ich leider nicht.` + (examples.length ? ` Wir bieten zum Beispiel ${spokenList(examples, "de")} an.` : ""),
  ambiguous: (candidates) => `Meinen Sie ${spokenList(candidates, "de", "or")}?`,
  staffNotFound: (staff, names) =>
    `${staff} finde ich für diese Leistung hier nicht.` + (names.length ? ` Möglich ist ${spokenList(names, "de", "or")}.` : ""),
  slotFree: (when, staff) => `${when} ist frei${staff ? ` bei ${staff}` : ""}.`,
  slotTaken: (when, alternatives) => `${when} ist leider schon vergeben. Frei wäre ${alternatives}.`,
  slotUnavailable: (when, alternatives) => `${when} ist leider nicht möglich. Frei wäre ${alternatives}.`,
  closedOn: (day, alternatives) => `Am ${day} haben wir geschlossen. Frei wäre ${alternatives}.`,
  freeIn: (alternatives) => `Frei wäre ${alternatives}.`,
  noneInWindow: (alternatives) => `Zu dieser Zeit ist leider nichts frei. Der nächste freie Termin wäre ${alternatives}.`,
  nothingFree: "In den nächsten zwei Wochen ist dafür leider nichts frei.",
  needTime: "Zu welcher Uhrzeit genau darf ich den Termin eintragen?",
  booked: (p) => `Ihr Termin ist gebucht: ${p.service} am ${p.when}${p.staff ? ` bei ${p.staff}` : ""}.`,
  justTaken: (when, alternatives) => `${when} wurde leider gerade vergeben. Frei wäre ${alternatives}.`,
  notBookable: (when, alternatives) => `${when} kann ich leider nicht buchen. Frei wäre ${alternatives}.`,
  takenNoAlternatives: (when) => `${when} ist leider nicht mehr frei, und in den nächsten zwei Wochen finde ich dafür keinen anderen Termin.`,
  appointmentNotFound: "Diesen Termin finde ich unter Ihrer Rufnummer leider nicht.",
  whichAppointment: (items) => `Welchen Termin meinen Sie: ${spokenList(items, "de", "or")}?`,
  cancelled: (p) => `Ihr Termin ${p.service} am ${p.when} ist storniert.`,
  notChangeable: "Dieser Termin lässt sich am Telefon leider nicht mehr ändern.",
  rescheduled: (p) => `Ihr Termin ${p.service} ist verschoben auf ${p.when}${p.staff ? ` bei ${p.staff}` : ""}.`,
  withheldForCallback: "Ihre Rufnummer ist unterdrückt, daher kann ich keinen Rückruf eintragen. Bitte rufen Sie mit sichtbarer Nummer noch einmal an.",
  callbackCreated: (when) =>
    when ? `Ich habe Ihren Rückrufwunsch notiert. Wir melden uns ab ${when} bei Ihnen.` : "Ich habe Ihren Rückrufwunsch notiert. Wir melden uns so bald wie möglich bei Ihnen.",
};

const en: Phrases = {
  unknownTool: "Sorry, I can't do that. I can check free appointments and tell you about services and opening hours.",
  notAvailable: "Sorry, I can't do that over the phone yet. Nothing has been saved.",
  internalError: "Something went wrong just now. Please try again in a moment.",
  branchUnavailable: "This branch can't take bookings by phone right now.",
  missingArgs: (labels) => `For that I still need ${spokenList(labels, "en")}.`,
  invalidArgs: (labels) => `I didn't quite get ${spokenList(labels, "en")}.`,
  argLabels: {
    service: "the service you'd like",
    staff: "the staff member's name",
    date_phrase: "the day you'd like",
    starts_at: "the time you'd like",
    time: "the time you'd like",
    first_name: "your first name",
    last_name: "your last name",
    customer_name: "your name",
    reason: "what the call back is about",
    appointment_id: "the appointment",
    appointment_date_phrase: "the day of the appointment",
    new_starts_at: "the new time",
    new_date_phrase: "the new day",
  },
  unparseableDate: "I didn't understand the date. Which day and time should I check?",
  inThePast: "That time is already in the past. When should I check instead?",
  context: (p) => `You've reached ${p.branch} of ${p.company}. Today is ${p.today}, it is ${p.time}. ${p.hoursToday}`,
  withheldNumber: "Your number is withheld, so I can't look you up.",
  unknownCaller: "I can't find an entry for your phone number yet.",
  knownCaller: (names, upcoming) =>
    `I found you: ${spokenList(names, "en")}. ` +
    (upcoming === 0 ? "You have no upcoming appointments." : upcoming === 1 ? "You have one upcoming appointment." : `You have ${upcoming} upcoming appointments.`),
  noAppointments: "I can't find any upcoming appointments for your phone number.",
  appointments: (items, more) =>
    `${items.length === 1 ? "Your next appointment" : "Your next appointments"}: ${spokenList(items, "en")}.` + (more > 0 ? ` And ${more} more.` : ""),
  appointmentItem: (p) => `${p.service} on ${p.when}${p.staff ? ` with ${p.staff}` : ""}${p.branch ? ` at ${p.branch}` : ""}`,
  noServices: "I can't book any services by phone at this branch right now.",
  services: (items, more) => `We offer: ${items.join("; ")}.` + (more > 0 ? ` And ${more} more.` : ""),
  serviceItem: (p) => `${p.name}, ${p.duration}, ${p.price}`,
  hoursToday: (hours) => `Today we are open ${hours}.`,
  closedToday: "We are closed today.",
  noFixedHours: "We have no fixed opening hours; appointments depend on availability.",
  hoursOnDay: (day, hours, reason) => (hours === "closed" ? `On ${day} we are closed${reason ? ` (${reason})` : ""}.` : `On ${day} we are open ${hours}.`),
  hoursWeek: (parts) => `Our opening hours: ${parts.join("; ")}.`,
  dayRange: (first, last) => `${first} to ${last}`,
  serviceNotFound: (service, examples) =>
    `Sorry, I can't find the service "${service}".` + (examples.length ? ` We offer, for example, ${spokenList(examples, "en")}.` : ""),
  ambiguous: (candidates) => `Do you mean ${spokenList(candidates, "en", "or")}?`,
  staffNotFound: (staff, names) => `I can't find ${staff} for this service here.` + (names.length ? ` Possible are ${spokenList(names, "en", "or")}.` : ""),
  slotFree: (when, staff) => `${when} is free${staff ? ` with ${staff}` : ""}.`,
  slotTaken: (when, alternatives) => `Sorry, ${when} is already taken. Free would be ${alternatives}.`,
  slotUnavailable: (when, alternatives) => `Sorry, ${when} isn't possible. Free would be ${alternatives}.`,
  closedOn: (day, alternatives) => `On ${day} we are closed. Free would be ${alternatives}.`,
  freeIn: (alternatives) => `Free would be ${alternatives}.`,
  noneInWindow: (alternatives) => `Sorry, nothing is free at that time. The next free appointment would be ${alternatives}.`,
  nothingFree: "Sorry, nothing is free for that in the next two weeks.",
  needTime: "At what time exactly should I book it?",
  booked: (p) => `Your appointment is booked: ${p.service} on ${p.when}${p.staff ? ` with ${p.staff}` : ""}.`,
  justTaken: (when, alternatives) => `Sorry, ${when} was just taken. Free would be ${alternatives}.`,
  notBookable: (when, alternatives) => `Sorry, I can't book ${when}. Free would be ${alternatives}.`,
  takenNoAlternatives: (when) => `Sorry, ${when} is no longer free, and I can't find another time for it in the next two weeks.`,
  appointmentNotFound: "Sorry, I can't find that appointment for your phone number.",
  whichAppointment: (items) => `Which appointment do you mean: ${spokenList(items, "en", "or")}?`,
  cancelled: (p) => `Your appointment ${p.service} on ${p.when} is cancelled.`,
  notChangeable: "Sorry, this appointment can't be changed by phone any more.",
  rescheduled: (p) => `Your appointment ${p.service} is moved to ${p.when}${p.staff ? ` with ${p.staff}` : ""}.`,
  withheldForCallback: "Your number is withheld, so I can't note a call back. Please call again with your number shown.",
  callbackCreated: (when) =>
    when ? `I've noted your call back request. We'll get back to you from ${when}.` : "I've noted your call back request. We'll get back to you as soon as possible.",
};

const PHRASES: Record<VoiceLocale, Phrases> = { de, en };

export const phrasesFor = (locale: VoiceLocale): Phrases => PHRASES[locale];
export type { Phrases };
