// Name lists and free text for demo customers. Plain German names as they appear in a salon's or
// a practice's customer file; nothing here refers to a real person.

export const FEMALE_FIRST_NAMES = [
  "Anna", "Lena", "Laura", "Julia", "Sarah", "Lisa", "Katharina", "Hannah", "Sophie", "Marie",
  "Johanna", "Charlotte", "Emilia", "Clara", "Paula", "Franziska", "Nina", "Jana", "Miriam",
  "Sabine", "Petra", "Claudia", "Andrea", "Susanne", "Birgit", "Monika", "Ursula", "Heike",
  "Kerstin", "Stefanie", "Melanie", "Nadine", "Tanja", "Leonie", "Greta", "Ida", "Mila", "Selin",
  "Aylin", "Natalia", "Elif", "Marta", "Jasmin", "Vanessa", "Carolin", "Theresa", "Luisa",
] as const;

export const MALE_FIRST_NAMES = [
  "Lukas", "Jonas", "Leon", "Finn", "Paul", "Felix", "Maximilian", "Elias", "Noah", "Ben",
  "Tobias", "Florian", "Sebastian", "Alexander", "Daniel", "Michael", "Thomas", "Andreas",
  "Stefan", "Markus", "Christian", "Frank", "Jürgen", "Klaus", "Wolfgang", "Matthias", "Moritz",
  "Jan", "David", "Simon", "Niklas", "Emre", "Can", "Marek", "Dominik", "Philipp", "Johannes",
] as const;

export const LAST_NAMES = [
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
  "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
  "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
  "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
  "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz",
  "Möller", "Weiß", "Jung", "Hahn", "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger",
  "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Simon",
  "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher", "Krämer", "Vogt", "Stein",
  "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas", "Yılmaz", "Kaya",
  "Nowak", "Kowalski", "Popescu", "Rossi",
] as const;

export const EMAIL_DOMAINS = ["web.de", "gmx.de", "gmail.com", "t-online.de", "posteo.de", "outlook.de", "icloud.com"] as const;

/** German mobile prefixes without the leading 0 (after +49). */
export const MOBILE_PREFIXES = ["151", "152", "157", "160", "162", "163", "170", "171", "172", "176", "177", "178", "179"] as const;

export const CANCELLATION_REASONS = [
  "Kundin hat telefonisch abgesagt",
  "Kunde krank",
  "Terminüberschneidung beim Kunden",
  "Über den Sprachassistenten abgesagt",
  "Online storniert",
  "Auf Wunsch verschoben",
] as const;

/** Lowercase ASCII for an email local part: "Jürgen Groß" → "juergen.gross". */
export function emailLocalPart(firstName: string, lastName: string): string {
  const ascii = (s: string) =>
    s
      .toLowerCase()
      .replace(/ä/g, "ae")
      .replace(/ö/g, "oe")
      .replace(/ü/g, "ue")
      .replace(/ß/g, "ss")
      .replace(/ı/g, "i")
      .normalize("NFD")
      .replace(/[^a-z0-9]/g, "");
  return `${ascii(firstName)}.${ascii(lastName)}`;
}
