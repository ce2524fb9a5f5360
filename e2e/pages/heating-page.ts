// Page object of «Отопительный сезон»: the progress bars, the list without heat, the supplier file
// dialog, and the status dialog (from the list or the address card).
import { expect, type Locator, type Page } from '@playwright/test';

export class HeatingPage {
  readonly withoutHeatTotal: Locator;
  readonly list: Locator;

  constructor(private readonly page: Page) {
    this.withoutHeatTotal = page.getByTestId('without-heat-total');
    this.list = page.getByRole('grid', { name: 'Дома без тепла' });
  }

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'Отопительный сезон' }).click();
    await expect(this.page.getByRole('heading', { name: 'Отопительный сезон', level: 2 })).toBeVisible();
  }

  /** «теплом обеспечено N из M домов» of one bar (a district, an organisation, «Итого»). */
  bar(label: string): Locator {
    return this.page.getByRole('listitem', { name: new RegExp(`^${label}: `) });
  }

  /** N and M of a bar. */
  async provided(label: string): Promise<{ connected: number; total: number }> {
    const text = (await this.bar(label).getByTestId('heating-provided').innerText()).replace(/\s/g, '');
    const m = /обеспечено(\d+)из(\d+)дом/.exec(text);
    if (!m) throw new Error(`no figure in «${text}»`);
    return { connected: Number(m[1]), total: Number(m[2]) };
  }

  async withoutHeatCount(): Promise<number> {
    return Number((await this.withoutHeatTotal.innerText()).replace(/\D/g, ''));
  }

  async importFile(name: string, content: Buffer): Promise<void> {
    await this.page.getByRole('button', { name: 'Загрузить статусы' }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('Выбрать файл').setInputFiles({ name, mimeType: 'text/csv', buffer: content });
    await dialog.getByRole('button', { name: 'Загрузить', exact: true }).click();
  }

  get importDialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async closeImport(): Promise<void> {
    await this.importDialog.getByRole('button', { name: 'Закрыть' }).click();
    await expect(this.importDialog).toBeHidden();
  }

  /** The status dialog: choose a status from the keyboard, type a reason, save with Ctrl+Enter. */
  async setStatus(status: string, reason = ''): Promise<void> {
    const dialog = this.page.getByRole('dialog');
    const select = dialog.getByRole('combobox', { name: 'Статус' });
    await expect(select).toBeFocused();
    await this.page.keyboard.press('Enter');
    await this.page.getByRole('option', { name: status, exact: true }).click();
    if (reason) await dialog.getByRole('textbox', { name: 'Причина' }).fill(reason);
    await dialog.getByRole('textbox', { name: 'Причина' }).press('Control+Enter');
    await expect(dialog).toBeHidden();
  }
}
