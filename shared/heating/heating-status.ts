// The heating status of a building in the heating season («Отопительный сезон», docs/heating-season.md):
// the four statuses with their Russian labels, how a supplier's word for a status is read, and the
// reason a status carries. Pure: text in, values or Russian errors out.

export const HEATING_STATUSES = ['not_connected', 'connected', 'partial', 'problem'] as const;
export type HeatingStatus = (typeof HEATING_STATUSES)[number];

export const HEATING_STATUS_LABELS: Readonly<Record<HeatingStatus, string>> = {
  not_connected: 'не подключён',
  connected: 'подключён',
  partial: 'частично',
  problem: 'проблема',
};

/** Where a status came from: set by hand (address card, the list), a supplier's file, the demo. */
export const HEATING_SOURCES = ['manual', 'import', 'demo'] as const;
export type HeatingSource = (typeof HEATING_SOURCES)[number];

/** A reason is a sentence, not an essay: longer text is refused rather than cut. */
export const HEATING_REASON_MAX = 500;

/** A supplier's word folded for comparison: case, ё/е, quotes, spacing and final punctuation do not matter. */
export function statusKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/["'«»„“”]/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[\s.!;,]+$/, '')
    .trim();
}

/** Past-participle forms a supplier types: подключен, подключена, подключено, подключены. */
function forms(stem: string): string[] {
  return ['', 'а', 'о', 'ы'].map((ending) => `${stem}${ending}`);
}

/**
 * Every word read as a status, after `statusKey`. The list is the contract with suppliers
 * (docs/heating-season.md): a word not here is an error naming the row and the value, never a guess.
 */
export const STATUS_WORDS: ReadonlyMap<string, HeatingStatus> = new Map<string, HeatingStatus>([
  ...[...forms('подключен'), ...forms('включен'), 'да', 'есть', 'тепло есть', 'тепло подано', 'подано', 'подача тепла', 'connected'].map(
    (w) => [w, 'connected'] as const,
  ),
  ...[
    ...forms('не подключен'),
    ...forms('не включен'),
    ...forms('отключен'),
    'нет',
    'нет тепла',
    'тепла нет',
    'без тепла',
    'не подано',
    'not_connected',
  ].map((w) => [w, 'not_connected'] as const),
  ...['частично', ...forms('частично подключен'), ...forms('подключен').map((f) => `${f} частично`), 'частичное подключение', 'partial'].map(
    (w) => [w, 'partial'] as const,
  ),
  ...['проблема', 'проблемы', 'авария', 'аварийный', 'аварийная ситуация', 'неисправность', 'problem'].map(
    (w) => [w, 'problem'] as const,
  ),
]);

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** «Подключен», «ПОДКЛЮЧЁН», «да», «частично подключён», «авария»… → the status; anything else is an error. */
export function readHeatingStatus(text: string): Read<HeatingStatus> {
  const key = statusKey(text);
  if (key === '') return { ok: false, error: 'не указан статус' };
  const status = STATUS_WORDS.get(key);
  if (status) return { ok: true, value: status };
  return {
    ok: false,
    error: `статус «${shorten(text.trim())}» не распознан: укажите «${HEATING_STATUS_LABELS.connected}», «${HEATING_STATUS_LABELS.not_connected}», «${HEATING_STATUS_LABELS.partial}» или «${HEATING_STATUS_LABELS.problem}»`,
  };
}

/**
 * The reason a status carries, trimmed ('' when none). Required for «проблема» set by hand — the
 * deputy head must know what is wrong; a supplier's file may leave it empty.
 */
export function readHeatingReason(text: string, status: HeatingStatus, byHand: boolean): Read<string> {
  const reason = text.replace(/[\s\u00a0]+/g, ' ').trim();
  if (reason.length > HEATING_REASON_MAX) return { ok: false, error: `причина длиннее ${HEATING_REASON_MAX} знаков` };
  if (byHand && status === 'problem' && reason === '') {
    return { ok: false, error: `для статуса «${HEATING_STATUS_LABELS.problem}» укажите причину` };
  }
  return { ok: true, value: reason };
}

export function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
