// Strings of the room temperature recorded on an incident and of the interruption limits it sets
// (ПП РФ № 354, прил. 1, п. 15; shared/domain/heat-interruptions.ts). Part of the catalogue in ru.ts
// (t.roomTemperature).

const celsius = (c: number) => `${c > 0 ? '+' : c < 0 ? '−' : ''}${Math.abs(c).toLocaleString('ru-RU')} °C`;

export const ruRoomTemperature = {
  label: 'Температура в помещениях, °C',
  hint: 'Замер в квартирах затронутых домов; от неё зависит допустимая длительность перерыва',
  notMeasured: 'не измерялась',
  invalid: 'Введите число, например 11 или 9,5',
  celsius,
  /** The limit a measurement sets, for the incident card. */
  limitAt: (c: number, hours: number, band: 'normal' | 'cold' | 'below_cold') =>
    band === 'below_cold'
      ? `${celsius(c)}: ниже +8 °C норматив перерыва не допускает`
      : `${celsius(c)}: перерыв допустим не более ${hours} ч подряд`,
  /** A single interruption over the limit at its measured temperature, with the norm. */
  warnSingle: (since: string, hours: string, limit: number, ongoing: boolean, c: number | null, band: 'normal' | 'cold' | 'below_cold', from: number | null, to: number | null) => {
    const head = `${ongoing ? 'Отключение продолжается' : 'Отключение'} с ${since}: ${hours} ч подряд`;
    if (c === null || band === 'normal') return `${head} — больше допустимых ${limit} ч (ПП РФ № 354, прил. 1, п. 15)`;
    if (band === 'below_cold') {
      return `${head} при ${celsius(c)} в помещениях — ниже +8 °C перерыв не допускается (ПП РФ № 354, прил. 1, п. 15 допускает перерывы только от +8 °C)`;
    }
    return `${head} при ${celsius(c)} в помещениях — больше допустимых ${limit} ч (ПП РФ № 354, прил. 1, п. 15: при ${celsius(from ?? 0)}…${celsius(to ?? 0)} не более ${limit} ч)`;
  },
  limitsSource:
    'Допустимо не более 24 ч в месяц и 16 ч подряд; при +10…+12 °C в помещениях — не более 8 ч, при +8…+10 °C — не более 4 ч, ниже +8 °C перерыв не допускается (ПП РФ № 354, прил. 1, п. 15)',
};
