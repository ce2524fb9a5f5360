// Provisional registration numbers, given at intake on the workstation, online or not.
// «26-7KQ2-00042»: the year, the workstation's code, the workstation's own counter. Unique by
// construction as long as workstation codes are unique; the central endpoint later adds an
// official city-wide number and both stay searchable.

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read out over the phone

/** A 4-character workstation code derived from its device id (a UUID). */
export function workstationCode(deviceId: string): string {
  let hash = 2166136261;
  for (let i = 0; i < deviceId.length; i++) {
    hash ^= deviceId.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  let code = '';
  for (let i = 0; i < 4; i++) {
    code += CODE_ALPHABET[hash % CODE_ALPHABET.length];
    hash = Math.floor(hash / CODE_ALPHABET.length);
  }
  return code;
}

export function provisionalNumber(year: number, code: string, counter: number): string {
  if (!Number.isInteger(counter) || counter < 1) throw new RangeError(`counter must be a positive integer, got ${counter}`);
  return `${String(year % 100).padStart(2, '0')}-${code}-${String(counter).padStart(5, '0')}`;
}

const PROVISIONAL = /^(\d{2})-([2-9A-HJ-NP-Z]{4})-(\d{5,})$/;

export function parseProvisionalNumber(
  value: string,
): { year2: number; code: string; counter: number } | null {
  const m = PROVISIONAL.exec(value.trim().toUpperCase());
  if (!m) return null;
  return { year2: Number(m[1]), code: m[2] as string, counter: Number(m[3]) };
}
