// Strings of «Итоги дня» (renderer/src/reports/). Part of the catalogue in ru.ts (t.reports).
import type { SummaryFigure } from '../../../shared/reports/day-summary.js';

const FIGURES: Record<SummaryFigure, string> = {
  received: 'Поступило',
  closed: 'Закрыто',
  open: 'Не закрыто',
  overdue: 'Просрочено',
};

export const ruReports = {
  nav: 'Итоги дня',
  title: 'Итоги дня',
  day: 'День',
  previousDay: 'Предыдущий день (←)',
  nextDay: 'Следующий день (→)',
  today: 'Сегодня',
  keyboardHint: '← → — соседние дни',
  district: 'Район',
  allDistricts: 'Все районы',
  cityScope: 'Весь город',
  asOfNow: (time: string) => `Не закрыто и просрочено — на ${time}`,
  asOfEnd: (date: string) => `Не закрыто и просрочено — на конец дня ${date}`,
  figures: FIGURES,
  figureHints: {
    received: 'Зарегистрировано с временем поступления в этот день',
    closed: 'Переведено в «Закрыто» в этот день',
    open: 'Не закрыто, не отклонено и не дубликат на конец дня',
    overdue: 'Не закрыто, и ближайший невыполненный срок прошёл (как в «Сроках»)',
  } satisfies Record<SummaryFigure, string>,
  trend: 'За 14 дней',
  trendOpen: 'Не закрыто на конец дня',
  byCategory: 'По категориям',
  byChannel: 'По каналам поступления',
  byExecutor: 'По исполнителям',
  category: 'Категория',
  channel: 'Канал',
  executor: 'Исполнитель',
  noExecutor: 'Не передано',
  nothing: 'Нет обращений',
  rankingOverdue: 'Управляющие организации: больше всего просроченных',
  rankingMedian: 'Управляющие организации: дольше всего решают',
  organisation: 'Организация',
  medianResolve: 'Медиана решения',
  closedInDay: 'Закрыто за день',
  openCount: 'Не закрыто',
  overdueCount: 'Просрочено',
  rankingEmptyOverdue: 'Просроченных нет',
  rankingEmptyMedian: 'В этот день ничего не закрыто',
  addresses: 'Адреса на контроле',
  addressesNow: (time: string) => `на ${time}`,
  addressesAtEnd: 'на конец дня',
  addressesLink: 'Открыть список',
  drillTitle: (figure: string, what: string | null, total: number | undefined) =>
    `${figure}${what ? ` — ${what}` : ''}${total === undefined ? '' : `: ${total}`}`,
  drillEmpty: 'Обращений нет',
  close: 'Закрыть',
  openAppeal: 'Открыть карточку (Enter)',
  showAppeals: (n: number, figure: string) => `${figure}: ${n} — показать обращения`,
  duration: (ms: number) => {
    const minutes = Math.round(ms / 60_000);
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    if (d >= 2) return `${d} сут ${h} ч`;
    return minutes >= 60 ? `${Math.floor(minutes / 60)} ч ${String(m).padStart(2, '0')} мин` : `${m} мин`;
  },
  columns: {
    number: '№',
    receivedAt: 'Поступило',
    address: 'Адрес',
    category: 'Категория',
    status: 'Статус',
    executor: 'Исполнитель',
    district: 'Район',
  },
};
