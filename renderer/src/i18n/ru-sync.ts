// Strings of sync: the status in the app frame and the screen «Конфликты» (conflicts and the
// operations the server refused). Part of the catalogue in ru.ts (t.sync).
import { ACTION_LABELS } from '../../../shared/domain/workflow.js';

const COMMANDS: Record<string, string> = {
  ...ACTION_LABELS,
  register_appeal: 'Регистрация обращения',
  log_call: 'Звонок',
  attach_repeated_call: 'Повторный звонок',
  incident_restored: 'Восстановление подачи тепла',
  create_incident: 'Новый инцидент',
  update_incident: 'Изменение инцидента',
  restore_incident: 'Восстановление по инциденту',
  carry_over: 'Перенос обращения',
  sign_day: 'Закрытие дня',
  return_day: 'Возврат дня району',
  set_heating_status: 'Статус отопления дома',
};

export const ruSync = {
  online: 'На связи',
  offline: 'Нет связи',
  standalone: 'Без сервера',
  signedOut: 'Вход не выполнен',
  running: 'Синхронизация…',
  pending: (n: number) => `Не отправлено: ${n}`,
  syncedAt: (time: string) => `Синхронизировано в ${time}`,
  neverSynced: 'Ещё не синхронизировано',
  syncNow: 'Синхронизировать',
  syncNowHint: 'Отправить изменения на сервер и получить чужие сейчас',
  progress: {
    push: (done: number) => `Отправка изменений${done > 0 ? `: ${done}` : ''}`,
    pull: (done: number) => `Получение изменений${done > 0 ? `: ${done}` : ''}`,
    snapshot: (done: number, total: number | null) => `Загрузка данных с сервера${total ? `: ${done} из ${total}` : ''}`,
  },
  lastError: 'Последняя ошибка',
  whatToDo: 'Что делать',
  nextAttempt: (time: string) => `Следующая попытка в ${time}`,
  attention: (conflicts: number, rejected: number) =>
    [conflicts > 0 ? `конфликтов: ${conflicts}` : '', rejected > 0 ? `отклонено: ${rejected}` : ''].filter(Boolean).join(', '),
  statusLabel: 'Синхронизация с сервером',
  openConflicts: (what: string) => `Открыть «Конфликты» (${what})`,
  conflicts: {
    title: 'Конфликты',
    intro:
      'Одно и то же изменили на двух рабочих местах, не зная друг о друге. Действует значение, внесённое позже; другое сохранено здесь. Проверьте и при необходимости повторите действие в карточке.',
    empty: 'Конфликтов нет',
    showReviewed: 'Показывать просмотренные',
    where: 'Обращение',
    field: 'Что изменили',
    kept: 'Действует',
    other: 'Не применено',
    by: (user: string, time: string, mine: boolean) => `${user}${mine ? ' (это рабочее место)' : ''}, ${time}`,
    reviewed: (user: string, time: string) => `Просмотрено: ${user}, ${time}`,
    reviewedOn: (time: string) => `Просмотрено ${time}`,
    markReviewed: 'Просмотрено',
    open: 'Открыть карточку',
    fields: {
      status: 'Статус',
      executorOrgId: 'Исполнитель',
      district: 'Район',
      cause: 'Причина',
      plannedRestoreAt: 'Плановое восстановление',
      restoredAt: 'Восстановлено',
    } as Record<string, string>,
  },
  rejected: {
    title: 'Отклонённые операции',
    intro: 'Сервер не принял эти действия. Они сохранены и не отправляются снова: прочитайте причину и сделайте, что советует программа.',
    empty: 'Отклонённых операций нет',
    what: 'Действие',
    why: 'Причина',
    todo: 'Что делать',
    madeBy: (user: string, time: string) => `${user}, ${time}`,
    commands: COMMANDS,
    /** On the card of an appeal whose registration the server refused: it exists on this workstation only. */
    registrationRefused: 'Сервер не принял регистрацию: обращение есть только на этом рабочем месте и не видно району и Департаменту.',
    open: 'Открыть «Конфликты»',
  },
};
