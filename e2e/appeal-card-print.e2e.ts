// The appeal card printed: an A4 page (or a few) with the card's data and its whole timeline, and
// nothing of the app around it — no navigation, no action buttons.
import type { Appeal } from '../shared/contract/schemas.js';
import { AppealCardPage } from './pages/appeal-card-page.js';
import { expect, test, type AppUnderTest } from './support/fixtures.js';
import { readPdf } from './support/pdf-text.js';

async function value<T>(app: AppUnderTest, method: string, input: unknown): Promise<T> {
  const r = await app.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

test('a closed appeal\'s card prints on A4 with its data and timeline, without the app\'s frame or buttons', async ({ page, app }) => {
  await value(app, 'setWorkstationUser', { name: 'Контролёр Е2Е', role: 'district_controller', district: 'Октябрьский' });
  const { rows } = await value<{ rows: Appeal[] }>(app, 'listAppeals', { district: 'Октябрьский', statuses: ['closed'], limit: 20 });
  const cards = await Promise.all(rows.map((a) => value<{ appeal: Appeal; events: { type: string }[] }>(app, 'getAppealCard', { id: a.id })));
  // The one with the longest history: every step of the lifecycle is on paper.
  const chosen = cards.sort((a, b) => b.events.length - a.events.length)[0];
  if (!chosen) throw new Error('the demo has no closed appeal in Октябрьский');
  const { appeal } = chosen;
  expect(chosen.events.length).toBeGreaterThanOrEqual(5);

  await page.goto(`${app.origin}/#/appeals/${appeal.id}`);
  const card = new AppealCardPage(page);
  await card.expectStatus('Закрыто');
  await expect(card.timeline.getByRole('listitem')).toHaveCount(chosen.events.length);
  await expect(page.getByRole('button', { name: 'Печать' })).toBeVisible();

  const pages = await readPdf(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(2);
  for (const p of pages) expect(p.size).toEqual([595, 842]);
  // pdf.js splits the text into runs at punctuation: compare without white space.
  const squash = (s: string) => s.replace(/\s+/g, '');
  const text = squash(pages.map((p) => p.text).join(' '));
  for (const shown of [`№ ${appeal.number}`, appeal.address, appeal.applicantName, 'Зарегистрировано', 'Передано исполнителю', 'Закрыто', 'обратная связь', 'Распечатано']) {
    expect(text).toContain(squash(shown));
  }
  // The app around the card and its buttons stay on screen only.
  for (const screenOnly of ['Новое обращение', 'Итоги дня', 'Вернуть на доработку', 'Записать звонок', 'К списку', 'Поиск адреса', 'Сохранить PDF']) {
    expect(text).not.toContain(squash(screenOnly));
  }
  expect(text).not.toMatch(/undefined|NaN/);
});
