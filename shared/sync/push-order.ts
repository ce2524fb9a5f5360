// The order of a push: the server keeps, per device, the highest device sequence it has answered
// and each answered op's id. A push resends what was not yet acknowledged, so its ops at or below
// that sequence are duplicates (answered again with their first answer), the rest must continue
// the sequence without a gap. The same sequence with another op id means the workstation's
// database went back in time (restored from a copy): its ops would overwrite others', so the push
// is refused until the workstation is registered again as a new device.
import type { SyncError } from './protocol.js';

export interface PushedOp {
  readonly opId: string;
  readonly deviceSeq: number;
}

export interface DeviceLog {
  /** The highest device sequence the server has answered for this device; 0 for none. */
  readonly lastDeviceSeq: number;
  /** The op id answered at a sequence, if the server still has it. */
  readonly opIdAt: (deviceSeq: number) => string | undefined;
}

export type PushPlan<T extends PushedOp> =
  | { readonly ok: true; readonly duplicates: readonly T[]; readonly fresh: readonly T[] }
  | { readonly ok: false; readonly error: SyncError };

export function planPush<T extends PushedOp>(ops: readonly T[], log: DeviceLog): PushPlan<T> {
  const duplicates: T[] = [];
  const fresh: T[] = [];
  for (const op of ops) {
    if (op.deviceSeq <= log.lastDeviceSeq) {
      const known = log.opIdAt(op.deviceSeq);
      if (known !== undefined && known !== op.opId) {
        return {
          ok: false,
          error: {
            code: 'device_seq_reused',
            message: `Операция № ${op.deviceSeq} этого рабочего места уже получена сервером, но другая: база рабочего места восстановлена из старой копии`,
            userAction: 'Не работайте на этом рабочем месте и обратитесь к администратору: его нужно зарегистрировать заново; неотправленные операции будут отправлены от нового рабочего места.',
            details: { deviceSeq: op.deviceSeq, opId: op.opId, knownOpId: known },
          },
        };
      }
      duplicates.push(op);
      continue;
    }
    const expected = log.lastDeviceSeq + fresh.length + 1;
    if (op.deviceSeq !== expected) {
      return {
        ok: false,
        error: {
          code: 'out_of_order',
          message: `Сервер ждёт операцию № ${expected}, а пришла № ${op.deviceSeq}`,
          userAction: 'Повторите синхронизацию: программа отправит операции по порядку. Если ошибка повторяется, сообщите администратору.',
          details: { expected, got: op.deviceSeq },
        },
      };
    }
    fresh.push(op);
  }
  return { ok: true, duplicates, fresh };
}
