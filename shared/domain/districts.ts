// Samara's nine internal city districts (внутригородские районы): the unit of scope for every appeal.
export const DISTRICTS = [
  'Железнодорожный',
  'Кировский',
  'Красноглинский',
  'Куйбышевский',
  'Ленинский',
  'Октябрьский',
  'Промышленный',
  'Самарский',
  'Советский',
] as const;

export type District = (typeof DISTRICTS)[number];

export function isDistrict(value: string): value is District {
  return (DISTRICTS as readonly string[]).includes(value);
}
