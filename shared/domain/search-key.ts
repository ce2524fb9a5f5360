// The folded form of an address used for matching: lower case, ё as е, punctuation as spaces.
export function searchKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function searchTokens(text: string): string[] {
  const key = searchKey(text);
  return key === '' ? [] : key.split(' ');
}
