// Rough geography of Samara for generated data: how the city's apartment buildings split between
// the districts, where each district lies, when its houses were built, and how long each street of
// the demo street list is. These are estimates good enough for plausible demo data, not facts to
// rely on.
import type { District } from '../domain/districts.js';
import type { DemoStreet } from './samara-streets.js';

/**
 * Apartment buildings per district in a register of 10,500 (scaled for other sizes): the big
 * post-war districts Промышленный and Кировский hold the most, the northern Красноглинский the least.
 */
export const DISTRICT_BUILDINGS: Readonly<Record<District, number>> = {
  Железнодорожный: 1000,
  Кировский: 1950,
  Красноглинский: 600,
  Куйбышевский: 750,
  Ленинский: 800,
  Октябрьский: 1150,
  Промышленный: 2000,
  Самарский: 850,
  Советский: 1400,
};

/** A district's rough bounding box, inside the city's 53.1–53.4 N, 49.9–50.4 E. */
export interface Bounds {
  readonly south: number;
  readonly north: number;
  readonly west: number;
  readonly east: number;
}

export const DISTRICT_BOUNDS: Readonly<Record<District, Bounds>> = {
  Самарский: { south: 53.17, north: 53.2, west: 50.075, east: 50.12 },
  Ленинский: { south: 53.18, north: 53.21, west: 50.1, east: 50.16 },
  Железнодорожный: { south: 53.185, north: 53.225, west: 50.14, east: 50.215 },
  Октябрьский: { south: 53.2, north: 53.245, west: 50.14, east: 50.19 },
  Советский: { south: 53.195, north: 53.235, west: 50.19, east: 50.26 },
  Промышленный: { south: 53.22, north: 53.26, west: 50.17, east: 50.275 },
  Кировский: { south: 53.235, north: 53.29, west: 50.2, east: 50.33 },
  Куйбышевский: { south: 53.1, north: 53.165, west: 50.08, east: 50.25 },
  Красноглинский: { south: 53.28, north: 53.4, west: 50.09, east: 50.35 },
};

/** When a district's houses were built: shares of building periods (old town older, outskirts newer). */
export const DISTRICT_ERAS: Readonly<Record<District, Readonly<Record<Era, number>>>> = {
  Самарский: { prewar: 30, postwar: 25, khrushchev: 15, late_soviet: 15, nineties: 7, modern: 8 },
  Ленинский: { prewar: 20, postwar: 25, khrushchev: 15, late_soviet: 20, nineties: 10, modern: 10 },
  Железнодорожный: { prewar: 6, postwar: 20, khrushchev: 25, late_soviet: 30, nineties: 9, modern: 10 },
  Октябрьский: { prewar: 4, postwar: 14, khrushchev: 22, late_soviet: 32, nineties: 12, modern: 16 },
  Советский: { prewar: 3, postwar: 17, khrushchev: 30, late_soviet: 32, nineties: 9, modern: 9 },
  Промышленный: { prewar: 2, postwar: 12, khrushchev: 28, late_soviet: 38, nineties: 10, modern: 10 },
  Кировский: { prewar: 2, postwar: 14, khrushchev: 26, late_soviet: 36, nineties: 10, modern: 12 },
  Куйбышевский: { prewar: 5, postwar: 28, khrushchev: 30, late_soviet: 25, nineties: 6, modern: 6 },
  Красноглинский: { prewar: 1, postwar: 22, khrushchev: 25, late_soviet: 27, nineties: 8, modern: 17 },
};

export type Era = 'prewar' | 'postwar' | 'khrushchev' | 'late_soviet' | 'nineties' | 'modern';

/** Years of each period and the floor counts its apartment buildings typically have (weights). */
export const ERAS: Readonly<Record<Era, { readonly from: number; readonly to: number; readonly floors: Readonly<Record<number, number>> }>> = {
  prewar: { from: 1930, to: 1945, floors: { 2: 30, 3: 35, 4: 25, 5: 10 } },
  postwar: { from: 1946, to: 1957, floors: { 2: 20, 3: 25, 4: 30, 5: 25 } },
  khrushchev: { from: 1958, to: 1970, floors: { 4: 15, 5: 80, 9: 5 } },
  late_soviet: { from: 1971, to: 1991, floors: { 5: 25, 9: 40, 10: 10, 12: 10, 14: 5, 16: 10 } },
  nineties: { from: 1992, to: 2007, floors: { 5: 10, 9: 25, 10: 25, 12: 15, 14: 10, 16: 10, 17: 5 } },
  modern: { from: 2008, to: 2024, floors: { 9: 10, 10: 15, 14: 15, 17: 20, 19: 15, 22: 10, 25: 15 } },
};

/**
 * The highest house number on each street of the demo list (roughly: how long the street is), by
 * `${type} ${name}`. Long streets get more houses.
 */
export const STREET_LENGTH: Readonly<Record<string, number>> = {
  // Железнодорожный
  'ул. Агибалова': 90,
  'ул. Владимирская': 60,
  'ул. Дзержинского': 40,
  'ул. Урицкого': 30,
  'ул. Пензенская': 70,
  'ул. Тухачевского': 250,
  'ул. Партизанская': 200,
  'ул. Клиническая': 120,
  'ул. Спортивная': 30,
  'ул. Мяги': 30,
  'ул. Николая Панова': 60,
  'ул. Революционная': 160,
  'ул. Красных Коммунаров': 40,
  'ул. Железнодорожная': 50,
  'ул. Киевская': 30,
  'ул. Чернореченская': 70,
  'ул. Братьев Коростелевых': 180,
  'ул. Средне-Садовая': 70,
  // Кировский
  'пр-кт Кирова': 420,
  'ул. Победы': 180,
  'ул. Металлургов': 110,
  'ш. Заводское': 80,
  'ул. Ташкентская': 250,
  'ул. Георгия Димитрова': 140,
  'ш. Московское': 320,
  'ул. Ставропольская': 220,
  'ул. Олимпийская': 80,
  'ул. Краснодонская': 80,
  'ул. Зои Космодемьянской': 40,
  'ул. Юных Пионеров': 160,
  'ул. Черемшанская': 170,
  'ул. Каховская': 80,
  'ул. Парижской Коммуны': 40,
  'ул. Майская': 40,
  'ул. Кабельная': 20,
  'ул. Дальневосточная': 70,
  'ул. Береговая': 30,
  // Красноглинский
  'ул. Сергея Лазо': 50,
  'ул. Симферопольская': 40,
  'ул. Крайняя': 40,
  'ул. Мостовая': 30,
  'ш. Красноглинское': 60,
  'ш. Ракитовское': 40,
  'ул. Винтая': 40,
  'ул. Звёздная': 30,
  'ул. Труда': 40,
  'кв-л пос. Мехзавод 1-й': 40,
  'кв-л пос. Мехзавод 2-й': 40,
  'кв-л пос. Мехзавод 3-й': 40,
  'кв-л пос. Красная Глинка 1-й': 30,
  'кв-л пос. Красная Глинка 3-й': 30,
  // Куйбышевский
  'ул. Белорусская': 130,
  'тракт Пугачёвский': 80,
  'ул. Сызранская': 40,
  'ул. Молодёжная': 30,
  'ул. Нефтяников': 30,
  'ул. Зелёная': 40,
  'ул. Фасадная': 30,
  'ул. Флотская': 40,
  'ул. Таганрогская': 80,
  'ул. Грозненская': 60,
  'ул. Липецкая': 30,
  'ул. Хасановская': 30,
  'ул. Обувная': 30,
  'пер. Ново-Молодёжный': 30,
  // Ленинский
  'ул. Молодогвардейская': 240,
  'ул. Галактионовская': 280,
  'ул. Садовая': 330,
  'ул. Самарская': 270,
  'ул. Ленинская': 310,
  'ул. Вилоновская': 90,
  'ул. Ульяновская': 60,
  'ул. Ярмарочная': 70,
  'ул. Маяковского': 30,
  'ул. Красноармейская': 140,
  'ул. Арцыбушевская': 200,
  'ул. Буянова': 150,
  'ул. Никитинская': 40,
  'ул. Высоцкого': 20,
  'пр-кт Волжский': 60,
  'ул. Лесная': 40,
  // Октябрьский
  'ул. Ново-Садовая': 380,
  'ул. Осипенко': 140,
  'ул. Лейтенанта Шмидта': 30,
  'ул. Луначарского': 70,
  'ул. Мичурина': 150,
  'ул. Гастелло': 50,
  'ул. Челюскинцев': 30,
  'ул. Первомайская': 60,
  'пр-кт Масленникова': 60,
  'ул. Полевая': 90,
  'ул. Мориса Тореза': 160,
  'ул. Скляренко': 30,
  'ул. Циолковского': 40,
  'ул. Соколова': 40,
  'ул. Радонежская': 20,
  // Промышленный
  'ул. Ново-Вокзальная': 260,
  'ул. Стара-Загора': 300,
  'ул. Физкультурная': 140,
  'ул. XXII Партсъезда': 240,
  'ул. Фадеева': 70,
  'ул. Солнечная': 60,
  'ул. Демократическая': 60,
  'ул. Мирная': 170,
  'ул. Алма-Атинская': 120,
  'ул. Нагорная': 150,
  'ул. Медицинская': 30,
  'ул. Свободы': 220,
  'ул. Советской Армии': 250,
  'ул. Вольская': 120,
  'ул. Шверника': 30,
  'ул. Воронежская': 250,
  // Самарский
  'ул. Куйбышева': 150,
  'ул. Фрунзе': 180,
  'ул. Ленинградская': 110,
  'ул. Некрасовская': 90,
  'ул. Пионерская': 90,
  'ул. Чапаевская': 230,
  'ул. Алексея Толстого': 130,
  'ул. Венцека': 120,
  'ул. Рабочая': 100,
  'ул. Степана Разина': 160,
  'ул. Водников': 90,
  'ул. Максима Горького': 120,
  'ул. Крестьянская': 30,
  'ул. Комсомольская': 40,
  'ул. Льва Толстого': 140,
  'ул. Пролетарская': 170,
  // Советский
  'ул. Гагарина': 180,
  'ул. Авроры': 180,
  'ул. Аэродромная': 110,
  'ул. Блюхера': 40,
  'пр-кт Карла Маркса': 420,
  'ул. Ерошевского': 90,
  'ул. Севастопольская': 50,
  'ул. Энтузиастов': 110,
  'ул. Дыбенко': 160,
  'ул. Антонова-Овсеенко': 80,
  'ул. Ивана Булкина': 100,
  'ул. Александра Матросова': 40,
  'ул. Кавказская': 40,
  'ул. Запорожская': 40,
  'ул. Больничная': 30,
};

export function streetLength(street: DemoStreet): number {
  const length = STREET_LENGTH[`${street.type} ${street.name}`];
  if (length === undefined) throw new RangeError(`no length for ${street.type} ${street.name}`);
  return length;
}
