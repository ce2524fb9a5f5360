// Strings of «Экспорт в Excel» (appeals/ExportDialog.tsx). Part of the catalogue in ru.ts (t.exports).
export const ruExport = {
  button: 'Экспорт в Excel',
  title: 'Экспорт в Excel',
  willExport: (n: number) => `Будет выгружено обращений: ${n.toLocaleString('ru-RU')} — всё, что отобрано в списке на экране.`,
  filters: 'Отбор',
  personalData: 'Включить ФИО и телефоны заявителей',
  personalDataHint: 'Персональные данные: передавайте файл только тем, кому они нужны для работы.',
  start: 'Выгрузить',
  close: 'Закрыть',
  cancel: 'Отменить',
  progress: (written: number, total: number) => `Записано ${written.toLocaleString('ru-RU')} из ${total.toLocaleString('ru-RU')}`,
  counting: 'Подготовка…',
  done: 'Файл готов',
  download: 'Скачать',
  saved: (path: string) => `Сохранено: ${path}`,
  openFolder: 'Открыть папку',
  cancelled: 'Выгрузка отменена, файл не создан.',
  failed: 'Выгрузка не удалась',
  /** «Сводка за день» from «Итоги дня». */
  summary: {
    excelButton: 'Скачать Excel',
    printButton: 'Печать / PDF',
    title: 'Сводка за день — Excel',
    intro: (day: string, scope: string) => `Сводка за ${day} — ${scope}: итоги, разбивки, рейтинг УК, адреса на контроле, динамика за 14 дней; по листу на раздел.`,
    details: 'Цифры — те же, что на экране «Итоги дня». ФИО и телефонов заявителей в сводке нет.',
    cityDetails: 'Для города добавлен лист «Сравнение районов».',
  },
  /** «Отопительный сезон». */
  heating: {
    button: 'Экспорт в Excel',
    title: 'Отопительный сезон — Excel',
    intro: (n: number | undefined) =>
      `Прогресс по районам и по управляющим организациям и список домов без тепла${n === undefined ? '' : ` (${n.toLocaleString('ru-RU')} строк)`}.`,
  },
  /** The print view of «Сводка за день» (A4). */
  print: {
    print: 'Печать',
    savePdf: 'Сохранить PDF',
    back: 'К итогам дня',
    browserHint: 'Кнопка «Сохранить PDF» откроет окно печати: выберите в нём «Сохранить как PDF».',
    saved: (path: string) => `PDF сохранён: ${path}`,
    loading: 'Готовим сводку…',
  },
};
