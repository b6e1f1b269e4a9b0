import { randomUUID } from "node:crypto";
import { SCHNITTKUNST } from "@/db/seed/companies";

// The command line of `npm run simulate:call` (scripts/simulate-call.ts), parsed without a
// library so it stays testable: `--flag value` or `--flag=value`; unknown flags are an error.

export type SimulatorOptions = {
  /** The running portal. */
  url: string;
  /** The called number (E.164): by default the demo agent number of Schnittkunst Mitte. */
  to: string;
  /** The caller (E.164): by default a new random mobile number, so the caller is unknown. */
  from: string;
  name: string;
  service: string;
  /** What the caller says they want ("morgen um 10"), sent as check_availability's date_phrase. */
  when: string;
  /** Retell's call id: a new one per run (reruns are new calls) unless given. */
  callId: string;
};

/** The Mitte branch's agent number from the demo seed (db/seed/companies.ts). */
export const DEMO_CALLED_NUMBER = SCHNITTKUNST.branches[0]!.agentNumber!;

const FLAGS = ["url", "to", "from", "name", "service", "when", "call-id"] as const;
type Flag = (typeof FLAGS)[number];

const E164 = /^\+[1-9]\d{6,14}$/;

export const newSimulatedCallId = () => `call_sim_${randomUUID().replace(/-/g, "")}`;

/** A German mobile number that no demo customer has (random subscriber part). */
export function randomCallerNumber(): string {
  const digits = randomUUID().replace(/\D/g, "").padEnd(8, "7").slice(0, 8);
  return `+49176${digits}`;
}

export type ParsedOptions = { ok: true; options: SimulatorOptions } | { ok: false; error: string } | { ok: false; help: true };

export const USAGE = `npm run simulate:call -- [--url http://localhost:3000] [--to ${DEMO_CALLED_NUMBER}] [--from +49176…] [--name "Jana Beispiel"] [--service "Herrenhaarschnitt"] [--when "morgen um 10"] [--call-id call_…]`;

export function parseSimulatorArgs(argv: readonly string[]): ParsedOptions {
  const values: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return { ok: false, help: true };
    if (arg === "--") continue;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !FLAGS.includes(match[1] as Flag)) return { ok: false, error: `unknown argument ${arg}` };
    const value = match[2] ?? argv[++i];
    if (value === undefined || value.trim() === "") return { ok: false, error: `--${match[1]} needs a value` };
    values[match[1] as Flag] = value.trim();
  }
  const options: SimulatorOptions = {
    url: (values.url ?? "http://localhost:3000").replace(/\/+$/, ""),
    to: values.to ?? DEMO_CALLED_NUMBER,
    from: values.from ?? randomCallerNumber(),
    name: values.name ?? "Jana Beispiel",
    service: values.service ?? "Herrenhaarschnitt",
    when: values.when ?? "morgen um 10",
    callId: values["call-id"] ?? newSimulatedCallId(),
  };
  if (!/^https?:\/\/[^/\s]+/.test(options.url)) return { ok: false, error: `--url must be an http(s) address, got ${options.url}` };
  for (const key of ["to", "from"] as const) {
    if (!E164.test(options[key])) return { ok: false, error: `--${key} must be an E.164 number like +4930…, got ${options[key]}` };
  }
  return { ok: true, options };
}
