/** ISO 3166-1 alpha-2 checks for usage locations, from the ICU data in Node (no list of our own to keep up to date). */

const names = new Intl.DisplayNames(['en'], { type: 'region' });
// Codes ICU names that are not countries a usage location can be.
const NOT_COUNTRIES = /^(Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN|AA)$/;

export function isUsageLocation(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.test(code)) return false;
  const name = names.of(code);
  return name !== undefined && name !== code && name !== 'Unknown Region';
}

let byName: Map<string, string> | undefined;

// Excel exports country names in the admin's language (Swedish Excel writes "Sverige"); English names win a clash.
const NAME_LOCALES = ['en', 'sv', 'da', 'nb', 'fi', 'de', 'nl', 'fr', 'es', 'it', 'pt', 'pl'];

/** "United States", "Sverige", "us" or "US" -> "US"/"SE"; undefined when the text names no country. */
export function countryCode(text: string): string | undefined {
  const upper = text.trim().toUpperCase();
  if (isUsageLocation(upper)) return upper;
  if (!byName) {
    byName = new Map();
    const codes: string[] = [];
    for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) codes.push(String.fromCharCode(a, b));
    const countries = codes.filter(isUsageLocation);
    for (const locale of NAME_LOCALES) {
      const localNames = new Intl.DisplayNames([locale], { type: 'region' });
      for (const code of countries) {
        const name = (localNames.of(code) ?? '').toLowerCase();
        if (name && !byName.has(name)) byName.set(name, code);
      }
    }
  }
  return byName.get(text.trim().toLowerCase());
}
