// `npm run cli -- search-address "<query>" --data-dir DIR [--json] [--limit N]`: the address search
// of the intake form, through the same core method. Prints the ranked buildings (id, display
// address, district, score) as JSON or as a table; bad input is exit 2 with a Russian message.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildingHit } from '../../../shared/contract/schemas.js';
import { createCore, DATABASE_FILE } from '../core.js';

interface Output {
  out(text: string): void;
  err(text: string): void;
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

export async function searchAddress(
  dataDir: string,
  query: string | undefined,
  options: { json: boolean; limit: string | undefined },
  io: Output,
): Promise<number> {
  if (query === undefined || query.trim() === '') {
    io.err('Укажите, что искать: npm run cli -- search-address "Ново-Садовая 106" --data-dir DIR');
    return 2;
  }
  const limit = options.limit === undefined ? DEFAULT_LIMIT : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    io.err(`--limit должен быть целым числом от 1 до ${MAX_LIMIT}, получено: ${options.limit}`);
    return 2;
  }
  // Searching must not create an empty database in a mistyped folder.
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    io.err(`В папке ${dataDir} нет базы данных: проверьте --data-dir`);
    return 2;
  }

  const core = await createCore({ dataDir, shell: 'cli' });
  try {
    const result = await core.call('searchBuildings', { query, limit });
    if (!result.ok) {
      io.err(result.error.message);
      return result.error.code === 'validation' ? 2 : 1;
    }
    const hits = (result.value as BuildingHit[]).map(({ id, address, district, score }) => ({ id, address, district, score }));
    if (options.json) io.out(JSON.stringify(hits, null, 2));
    else printTable(hits, io);
    return 0;
  } finally {
    await core.close();
  }
}

function printTable(hits: readonly Pick<BuildingHit, 'id' | 'address' | 'district' | 'score'>[], io: Output): void {
  if (hits.length === 0) {
    io.out('Ничего не найдено');
    return;
  }
  const rows = [['Оценка', 'Адрес', 'Район', 'Код дома'], ...hits.map((h) => [h.score.toFixed(3), h.address, h.district, h.id])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => (r[c] as string).length)));
  for (const row of rows) io.out(row.map((cell, c) => (c < 3 ? cell.padEnd(widths[c] as number) : cell)).join('  '));
}
