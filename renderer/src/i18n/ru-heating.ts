// Strings of «Отопительный сезон»: the progress, the list without heat, the supplier's file import
// and the status on the address card. Part of the catalogue in ru.ts (t.heating).
import { HEATING_STATUS_LABELS } from '../../../shared/heating/heating-status.js';
import { providedText } from '../../../shared/heating/heating-progress.js';

const plural = (n: number, one: string, few: string, many: string) => {
  const m10 = n % 10;
  const m100 = n % 100;
  return m10 === 1 && m100 !== 11 ? one : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? few : many;
};

export const ruHeating = {
  title: 'Отопительный сезон',
  scopeCity: 'Весь город',
  scopeDistrict: (district: string) => `Район: ${district}`,
  groupBy: { district: 'По районам', organisation: 'По управляющим организациям' },
  groupByLabel: 'Группировка',
  provided: providedText,
  percent: (n: number) => `${n} %`,
  partial: (n: number) => `частично: ${n}`,
  problem: (n: number) => `проблема: ${n}`,
  notConnected: (n: number) => `не подключено: ${n}`,
  noStatus: (n: number) => `из них без данных: ${n}`,
  allCity: 'Итого',
  rules: 'Обеспеченными теплом считаются только подключённые дома; частично подключённые считаются отдельно. Дом без статуса считается не подключённым.',
  statuses: HEATING_STATUS_LABELS,
  noStatusLabel: 'нет данных',
  withoutHeat: {
    title: 'Дома без тепла',
    total: (n: number) => `${n} ${plural(n, 'дом', 'дома', 'домов')}`,
    empty: 'Все дома подключены',
    address: 'Адрес',
    district: 'Район',
    managementOrg: 'Управляющая организация',
    status: 'Статус',
    date: 'Дата',
    reason: 'Причина',
    openAppeals: 'Открытых обращений',
    allDistricts: 'Все районы',
    allOrganisations: 'Все организации',
    allStatuses: 'Все статусы без тепла',
    setStatus: 'Изменить статус',
  },
  import: {
    open: 'Загрузить статусы',
    title: 'Загрузка статусов от теплоснабжающей организации',
    intro:
      'Файл CSV или XLSX со столбцами «Адрес», «Статус», «Дата» и, если нужно, «Причина». Статусы: подключён, не подключён, частично, проблема (а также «да», «нет», «авария» и т. п.). Если хотя бы одна строка с ошибкой, ничего не меняется: исправьте файл и загрузите снова.',
    choose: 'Выбрать файл',
    chosen: (name: string, kb: number) => `${name} (${kb} КБ)`,
    start: 'Загрузить',
    close: 'Закрыть',
    tooLarge: 'Файл слишком большой: не более 45 МБ',
    stages: { idle: 'Подготовка', reading: 'Чтение файла', checking: 'Проверка строк', saving: 'Сохранение', done: 'Готово' },
    progress: (done: number, total: number) => `${done} из ${total}`,
    percentRead: (n: number) => `${n} %`,
    success: (rows: number, changed: number, unchanged: number) =>
      `Загружено строк: ${rows}. Изменён статус ${changed} ${plural(changed, 'дома', 'домов', 'домов')}, без изменений: ${unchanged}.`,
    fileFailed: 'Файл не загружен',
    failed: (n: number) => `Файл не загружен: ${n} ${plural(n, 'строка', 'строки', 'строк')} с ошибками. Ничего не изменено.`,
    row: 'Строка',
    reason: 'Ошибка',
    moreErrors: (n: number) => `и ещё ${n} ${plural(n, 'строка', 'строки', 'строк')} с ошибками`,
  },
  card: {
    heading: 'Отопление',
    none: 'Статус ещё не задан (считается не подключённым)',
    since: (date: string) => `с ${date}`,
    setBy: (who: string, when: string) => `указал(а) ${who}, ${when}`,
    fromFile: 'из файла ТСО',
    demo: 'демо-данные',
    change: 'Изменить статус',
    history: 'История статусов',
    historyEntry: (from: string, to: string) => `${from} → ${to}`,
  },
  set: {
    title: (address: string) => `Статус отопления: ${address}`,
    status: 'Статус',
    date: 'Дата',
    reason: 'Причина',
    reasonRequired: 'Для статуса «проблема» причина обязательна',
    save: 'Сохранить',
    cancel: 'Отмена',
    saved: 'Статус сохранён',
  },
};
