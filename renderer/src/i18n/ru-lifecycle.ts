// Strings of the appeal lifecycle: the card's actions and dialogs, the timeline, calls, repeated
// calls, bulk actions and «Рабочее место». Part of the catalogue in ru.ts (t.lifecycle).
import type { CallResult } from '../../../shared/contract/lifecycle-schemas.js';
import type { Role } from '../../../shared/domain/roles.js';
import { ACTION_LABELS, type CheckMethod, type FeedbackResult, type TransferMethod } from '../../../shared/domain/workflow.js';

const plural = (n: number, one: string, few: string, many: string) => {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
};

export const ruLifecycle = {
  actions: ACTION_LABELS,
  transferMethods: { phone: 'Телефон', email: 'Электронная почта', system: 'Через систему' } satisfies Record<TransferMethod, string>,
  checkMethods: { call: 'Звонок жителю', visit: 'Выезд', measurement: 'Замер температуры' } satisfies Record<CheckMethod, string>,
  feedback: { satisfied: 'Удовлетворён', not_satisfied: 'Не удовлетворён', unreachable: 'Не дозвонились' } satisfies Record<
    FeedbackResult,
    string
  >,
  callResults: { reached: 'Дозвонились', no_answer: 'Не отвечает', busy: 'Занято', wrong_number: 'Неверный номер' } satisfies Record<
    CallResult,
    string
  >,
  callDirections: { to_applicant: 'Звонок заявителю', from_applicant: 'Звонок от заявителя' },
  roles: {
    operator: 'Оператор',
    district_controller: 'Контролёр района',
    deputy_head: 'Заместитель главы района',
    department: 'Департамент',
    admin: 'Администратор',
  } satisfies Record<Role, string>,
  fields: {
    executor: 'Исполнитель',
    method: 'Способ передачи',
    contactPerson: 'Контактное лицо (кто принял)',
    whatWasDone: 'Что сделано',
    doneAt: 'Когда выполнено',
    checkMethod: 'Как проверено',
    room: 'Комната',
    corner: 'Угловая',
    celsius: 'Температура, °C',
    addRoom: 'Добавить комнату',
    removeRoom: 'Убрать',
    note: 'Примечание',
    feedback: 'Результат обратной связи',
    attempts: 'Попыток дозвониться',
    reason: 'Причина',
    original: 'Номер исходного обращения',
    direction: 'Звонок',
    result: 'Результат',
    at: 'Когда',
    applicantName: 'Заявитель',
    applicantPhone: 'Телефон',
    flat: 'Квартира',
    channel: 'Канал поступления',
  },
  submit: 'Сохранить',
  cancel: 'Отмена',
  ctrlEnter: 'Ctrl+Enter — сохранить',
  defaultExecutor: (name: string) => `по умолчанию: ${name}`,
  attemptsCounted: (n: number) => `В журнале звонков: ${n} ${plural(n, 'неудачная попытка', 'неудачные попытки', 'неудачных попыток')}`,
  norms: 'Норма: не ниже +18 °C, в угловой комнате не ниже +20 °C. Ниже нормы проверка не пройдена и обращение вернётся «В работу».',
  required: {
    executor: 'Укажите исполнителя',
    whatWasDone: 'Опишите, что сделано',
    doneAt: 'Укажите, когда выполнено',
    celsius: 'Укажите температуру',
    celsiusNumber: 'Температура — число, например 18 или 17,5',
    celsiusRange: 'Температура в помещении — от −30 до +45 °C',
    feedback: 'Укажите результат обратной связи',
    reason: 'Укажите причину',
    original: 'Укажите номер исходного обращения',
    applicantName: 'Укажите заявителя',
  },
  duplicateCandidates: {
    title: 'Открытые обращения по этому адресу — выберите исходное:',
    none: 'Других открытых обращений по этому адресу нет: введите номер исходного',
    row: (number: string, flat: string, category: string, status: string, received: string) =>
      `№ ${number}${flat ? `, кв. ${flat}` : ''} · ${category} · ${status} · поступило ${received}`,
  },
  card: {
    actionsTitle: 'Действия',
    noActions: 'Для вашей роли и этого статуса действий нет',
    whoAmI: (name: string, role: string, district: string | null) => `Вы: ${name}, ${role}${district ? `, ${district}` : ''}`,
    print: 'Печать',
    logCall: 'Записать звонок',
    calls: 'Звонки заявителю',
    noCalls: 'Звонков не было',
    repeated: 'Повторные звонки',
    noRepeated: 'Повторных звонков не было',
    repeatedCounts: (appeal: number, building: number) => `по обращению: ${appeal}, по дому: ${building}`,
    version: 'Версия',
    printedAt: 'Распечатано',
    duplicateOf: 'Дубликат обращения',
    duplicates: 'Его дубликаты',
    /** Another appeal named on the card: its number, flat and status. */
    linked: (number: string, flat: string, status: string) => `№ ${number}${flat ? `, кв. ${flat}` : ''} — ${status}`,
    pdfFileName: (number: string) => `Обращение № ${number}.pdf`,
    done: (action: string) => `Выполнено: «${action}»`,
    checkFailed: 'Проверка не пройдена: температура ниже нормы, обращение возвращено «В работу»',
    conflict: 'Обращение изменил другой пользователь. Карточка обновлена — повторите действие.',
    changedMeanwhile: (was: string, now: string) =>
      was === now
        ? 'Пока открыт этот диалог, обращение изменили (статус прежний). Проверьте данные и сохраните или отмените.'
        : `Пока открыт этот диалог, обращение изменили: было «${was}», теперь «${now}». Проверьте, нужно ли ещё это действие.`,
  },
  events: {
    registered: 'Зарегистрировано',
    transfer: 'Передано исполнителю',
    take_in_work: 'Взято в работу',
    mark_done: 'Отмечено выполнение',
    verify: 'Проверено',
    verify_failed: 'Проверка не пройдена',
    close: 'Закрыто',
    reject: 'Отклонено',
    mark_duplicate: 'Отмечено дубликатом',
    return_for_rework: 'Возвращено на доработку',
    call: 'Звонок заявителю',
    repeated_call: 'Повторный звонок',
    carried_over: 'Перенесено при закрытии дня',
  } as Record<string, string>,
  eventData: {
    executor: 'исполнитель',
    method: 'способ',
    contact: 'принял',
    whatWasDone: 'что сделано',
    doneAt: 'когда',
    check: 'проверка',
    temperatures: 'температуры',
    corner: 'угловая',
    feedback: 'обратная связь',
    attempts: 'попыток',
    reason: 'причина',
    original: 'исходное',
    note: 'примечание',
    applicant: 'заявитель',
    flat: 'кв.',
    phone: 'тел.',
    channel: 'канал',
    number: 'номер',
    dayClosed: 'закрываемый день',
    controlDate: 'новая контрольная дата',
  },
  repeatedCall: {
    attach: 'Присоединить как повторный звонок',
    /** The panel's row button: short, with its key. */
    attachShort: (n: number) => `Присоединить · Alt+${n}`,
    title: (number: string) => `Повторный звонок по обращению № ${number}`,
    attached: (number: string) => `Звонок присоединён к обращению № ${number}`,
    orRegister: 'или зарегистрируйте новое обращение ниже',
  },
  bulk: {
    selected: (n: number) => `Выбрано: ${n}`,
    transfer: 'Передать исполнителям',
    assign: 'Назначить исполнителя',
    assignTitle: 'Назначить исполнителя выбранным обращениям',
    resultsTitle: 'Результат',
    ok: 'готово',
    refused: 'отказ',
    close: 'Закрыть',
    summary: (ok: number, refused: number) => `Выполнено: ${ok}, отказано: ${refused}`,
  },
  workstation: {
    title: 'Рабочее место',
    firstRun: 'Укажите, кто работает за этим компьютером: от роли и района зависит, какие действия доступны.',
    name: 'Имя и фамилия',
    role: 'Роль',
    district: 'Район',
    noDistrict: '— все районы —',
    save: 'Сохранить',
    open: 'Рабочее место',
  },
};
