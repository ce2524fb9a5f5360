// A whole sync request refused: the protocol's error body (shared/sync/protocol.ts syncErrorSchema,
// with the Russian `userAction`) and its HTTP status. Nothing of the request was applied.
import type { SyncError, SyncErrorCode } from '../../shared/sync/protocol.js';

const STATUS: Record<SyncErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  device_revoked: 403,
  device_mismatch: 403,
  clock_ahead: 409,
  schema_too_new: 409,
  out_of_order: 409,
  device_seq_reused: 409,
  snapshot_expired: 410,
  rate_limited: 429,
  internal: 500,
};

export class SyncFailure extends Error {
  readonly status: number;
  constructor(readonly body: SyncError) {
    super(`${body.code}: ${body.message}`);
    this.name = 'SyncFailure';
    this.status = STATUS[body.code];
  }
}

/** What the user can do after a refusal of the identity layer, by its code. */
export const USER_ACTIONS: Record<SyncErrorCode, string> = {
  validation: 'Обновите программу; если ошибка повторяется, сообщите администратору.',
  unauthorized: 'Войдите в систему снова: операции не потеряны, они ждут отправки.',
  forbidden: 'Обратитесь к администратору: у этой учётной записи или рабочего места нет доступа к синхронизации.',
  device_revoked: 'Рабочее место отключено: обратитесь к администратору района. Неотправленные операции сохранены на этом компьютере.',
  device_mismatch: 'Войдите в систему снова с этого рабочего места.',
  clock_ahead: 'Установите на компьютере правильные дату и время и повторите синхронизацию.',
  schema_too_new: 'Ничего не потеряно: операции ждут отправки. Сообщите администратору, что сервер нужно обновить.',
  out_of_order: 'Повторите синхронизацию: программа отправит операции по порядку. Если ошибка повторяется, сообщите администратору.',
  device_seq_reused: 'Не работайте на этом рабочем месте и обратитесь к администратору: его нужно зарегистрировать заново.',
  snapshot_expired: 'Загрузка данных начнётся заново.',
  rate_limited: 'Подождите и повторите синхронизацию.',
  internal: 'Повторите синхронизацию позже; операции не потеряны. Если ошибка повторяется, сообщите администратору.',
};
