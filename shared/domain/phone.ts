// A resident's phone number as people read it out: typed any way at intake («89271234567»,
// «8 (927) 123 45 67», «+7-927-1234567»), shown the one way (+7 927 123-45-67). Samara's city
// numbers without the code (7 digits) get +7 846. Anything else is shown as it was typed:
// an extension, two numbers, a word — nothing is dropped.

/** Digits of a Russian number in the +7 plan, or null when it is not one. */
function nationalDigits(typed: string): string | null {
  if (!/^[\d\s()+\-.]+$/.test(typed)) return null;
  const digits = typed.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) return digits.slice(1);
  if (digits.length === 10 && !typed.trim().startsWith('+')) return digits;
  if (digits.length === 7 && !typed.trim().startsWith('+')) return `846${digits}`;
  return null;
}

export function formatPhone(typed: string): string {
  const trimmed = typed.trim();
  const national = nationalDigits(trimmed);
  if (!national) return trimmed;
  return `+7 ${national.slice(0, 3)} ${national.slice(3, 6)}-${national.slice(6, 8)}-${national.slice(8, 10)}`;
}
