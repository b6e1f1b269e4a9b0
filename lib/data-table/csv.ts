// CSV for spreadsheet users (Excel first): UTF-8 with a BOM so umlauts survive, CRLF line ends,
// RFC 4180 quoting, and a guard against formula injection: a cell starting with = + - @ (or a tab
// or carriage return) would be run as a formula by Excel/LibreOffice, so it gets a leading
// apostrophe (OWASP "CSV injection"). That includes E.164 phone numbers ("'+4930…"), which Excel
// would otherwise turn into a number anyway.

export const CSV_BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/**
 * A CSV body streamed page by page: `pages` yields batches of rows (a keyset walk, one query per
 * batch), and each batch is written as soon as it arrives, so memory stays at one batch whatever
 * the size of the export. A failure mid-way aborts the stream (the download ends as an error).
 */
export function csvStream<T>(header: readonly string[], pages: AsyncIterable<readonly T[]>, toValues: (row: T) => readonly CsvValue[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(header)));
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      if (next.value.length > 0) controller.enqueue(encoder.encode(next.value.map((row) => csvLine(toValues(row))).join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Content-Disposition for a download: an ASCII fallback name plus the RFC 5987 UTF-8 one. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Response headers of a CSV download. */
export function csvHeaders(filename: string): HeadersInit {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": attachmentDisposition(filename),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
}
