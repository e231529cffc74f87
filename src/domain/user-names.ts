/** User name rules shared by both directory adapters and the bot. */

/** Åsa Öberg -> asa.oberg: lower-case, diacritics folded to ASCII, only characters Entra allows. */
export function foldToAscii(text: string): string {
  const special: Record<string, string> = { ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', ß: 'ss', đ: 'd', Đ: 'd', ł: 'l', Ł: 'l', þ: 'th', Þ: 'th', œ: 'oe', Œ: 'oe' };
  return text
    .replace(/[øØæÆßđĐłŁþÞœŒ]/g, (c) => special[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

const localPartChar = /[^a-z0-9._-]/g;

export function defaultLocalPart(givenName: string, surname: string): string {
  const clean = (s: string) => foldToAscii(s).replace(/\s+/g, '').replace(localPartChar, '');
  return [clean(givenName), clean(surname)].filter(Boolean).join('.').replace(/\.{2,}/g, '.').replace(/^\.|\.$/g, '');
}

// Entra: local part up to 64 characters, no leading/trailing or doubled dots.
const LOCAL_PART = /^(?!\.)(?!.*\.\.)[A-Za-z0-9._'-]{1,64}(?<!\.)$/;
const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isValidLocalPart(localPart: string): boolean {
  return LOCAL_PART.test(localPart);
}

export function isValidUpn(upn: string): boolean {
  const at = upn.lastIndexOf('@');
  if (at <= 0) return false;
  return isValidLocalPart(upn.slice(0, at)) && DOMAIN.test(upn.slice(at + 1));
}

export function splitUpn(upn: string): { localPart: string; domain: string } {
  const at = upn.lastIndexOf('@');
  return { localPart: upn.slice(0, at), domain: upn.slice(at + 1) };
}

/** First free name of localPart, localPart2, localPart3, ... at domain. */
export function suggestFreeUpn(localPart: string, domain: string, inUse: (upnLower: string) => boolean): string {
  let candidate = `${localPart}@${domain}`;
  for (let n = 2; inUse(candidate.toLowerCase()); n++) candidate = `${localPart}${n}@${domain}`;
  return candidate;
}
