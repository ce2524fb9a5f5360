// Encodes text as Windows-1251, the way old Windows programs save CSV files (Cyrillic, ASCII and
// the few punctuation marks registers use).
const SPECIAL: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '«': 0xab, '»': 0xbb, '№': 0xb9, '—': 0x97, '–': 0x96 };

export function encodeCp1251(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x410 && code <= 0x44f) bytes.push(code - 0x410 + 0xc0);
    else if (SPECIAL[ch] !== undefined) bytes.push(SPECIAL[ch]);
    else throw new Error(`no Windows-1251 byte for «${ch}»`);
  }
  return Buffer.from(bytes);
}
