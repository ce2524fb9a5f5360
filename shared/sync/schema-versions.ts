// Op schema versions. An op keeps the schema version it was written with (shared/sync/op.ts
// SCHEMA_VERSION); the server upgrades an older op step by step (k → k+1 → …) to its own version
// before validating it, refuses with a reason an op too old for any upgrade, and defers — never
// rejects — an op newer than itself: it stays pending on the workstation until the server is updated.
// No op is ever dropped without an answer.
import { SCHEMA_VERSION } from './op.js';
import type { OpEnvelope } from './op-payloads.js';

/** The lowest op schema version the server can still upgrade. */
export const MIN_SUPPORTED_SCHEMA_VERSION = 1;

/** One step: an op of version k (the key) rewritten as version k+1. */
export type OpUpgrade = (op: OpEnvelope) => OpEnvelope;

/**
 * The upgrade chain: an op of version k (the key) rewritten as version k+1. The next change of an
 * op's shape adds `k: (op) => ({ ...op, schemaVersion: k + 1, payload: … })` here and bumps
 * SCHEMA_VERSION, with a test that an op of every command of version k upgrades and validates.
 */
export const OP_UPGRADES: Readonly<Record<number, OpUpgrade>> = {
  // 1 → 2 added commands (carry_over, sign_day, return_day); every version-1 op is valid as it is.
  1: (op) => ({ ...op, schemaVersion: 2 }),
};

export type UpgradeResult =
  | { readonly ok: true; readonly op: OpEnvelope }
  | { readonly ok: false; readonly code: 'schema_unsupported' | 'schema_too_new'; readonly message: string; readonly userAction: string };

export function upgradeOp(
  op: OpEnvelope,
  serverVersion: number = SCHEMA_VERSION,
  upgrades: Readonly<Record<number, OpUpgrade>> = OP_UPGRADES,
  minSupported: number = MIN_SUPPORTED_SCHEMA_VERSION,
): UpgradeResult {
  if (op.schemaVersion > serverVersion) {
    return {
      ok: false,
      code: 'schema_too_new',
      message: `Операция записана версией программы новее сервера (формат ${op.schemaVersion}, сервер понимает до ${serverVersion})`,
      userAction: 'Ничего не потеряно: операция ждёт отправки. Сообщите администратору, что сервер нужно обновить.',
    };
  }
  if (op.schemaVersion < minSupported) {
    return tooOld(op.schemaVersion, minSupported);
  }
  let current = op;
  while (current.schemaVersion < serverVersion) {
    const step = upgrades[current.schemaVersion];
    if (!step) return tooOld(current.schemaVersion, minSupported);
    const next = step(current);
    if (next.schemaVersion !== current.schemaVersion + 1) {
      throw new Error(`op upgrade from ${current.schemaVersion} must produce ${current.schemaVersion + 1}, got ${next.schemaVersion}`);
    }
    current = next;
  }
  return { ok: true, op: current };
}

function tooOld(version: number, minSupported: number): UpgradeResult {
  return {
    ok: false,
    code: 'schema_unsupported',
    message: `Операция записана слишком старой версией программы (формат ${version}; сервер принимает с ${minSupported})`,
    userAction: 'Операция сохранена в списке отклонённых вместе с её данными: обновите программу и внесите изменение заново.',
  };
}
