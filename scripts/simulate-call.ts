// npm run simulate:call -- [--url http://localhost:3000] [--to +49302887469] [--from <caller>] [--name "Jana Beispiel"]
//                          [--service "Herrenhaarschnitt"] [--when "morgen um 10"] [--call-id call_…]
// Plays a realistic German booking call against a RUNNING portal, as Retell would send it
// (lib/voice/simulator): signed call_inbound, call_started, the tool calls check_customer,
// check_availability and book_appointment, transcript_updated, call_ended, call_analyzed.
// Signed with RETELL_API_KEY: start the portal with the same key. Exit code 0 when booked.
import { parseSimulatorArgs, USAGE } from "@/lib/voice/simulator/options";
import { finalLine, runSimulatedCall, type SimulatorTransport } from "@/lib/voice/simulator/simulator";

const parsed = parseSimulatorArgs(process.argv.slice(2));
if (!parsed.ok) {
  if ("help" in parsed) {
    console.log(USAGE);
    process.exit(0);
  }
  console.error(`${parsed.error}\n${USAGE}`);
  process.exit(1);
}
const options = parsed.options;

const apiKey = process.env.RETELL_API_KEY?.trim();
if (!apiKey) {
  console.error(
    "RETELL_API_KEY is not set. The simulator signs every request with it, and the portal only accepts requests signed with its own key:\n" +
      "  start the portal with RETELL_API_KEY=<some key> and run RETELL_API_KEY=<the same key> npm run simulate:call",
  );
  process.exit(1);
}

const transport: SimulatorTransport = async (path, body, headers) => {
  const response = await fetch(`${options.url}${path}`, { method: "POST", headers, body, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  let parsedBody: unknown = null;
  try {
    parsedBody = text ? JSON.parse(text) : null;
  } catch {
    parsedBody = text.slice(0, 200);
  }
  if (response.status === 401) console.error("   401: the portal refused the signature — is it running with the same RETELL_API_KEY?");
  return { status: response.status, body: parsedBody };
};

console.log(`Simulierter Anruf ${options.callId}: ${options.name} (${options.from}) ruft ${options.to} an, Portal ${options.url}`);
try {
  const call = await runSimulatedCall(options, { apiKey, transport, log: (line) => console.log(line) });
  console.log("");
  console.log(finalLine(call));
  process.exit(call.booked ? 0 : 1);
} catch (error) {
  const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  console.error(`\nPortal nicht erreichbar unter ${options.url} (${cause}). Läuft es (npm run dev / npm run start)?`);
  process.exit(1);
}
