// Page object of «Экспорт в Excel» (the appeals list, and the dialogs of the other documents): open it, choose personal data, export, download.
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export class ExportDialog {
  readonly dialog: Locator;
  readonly personalData: Locator;

  /** `title`: the dialog of another document («Сводка за день — Excel», «Отопительный сезон — Excel»). */
  constructor(
    private readonly page: Page,
    title = 'Экспорт в Excel',
  ) {
    this.dialog = page.getByRole('dialog', { name: title });
    this.personalData = this.dialog.getByLabel('Включить ФИО и телефоны заявителей');
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Экспорт в Excel' }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** Starts the export and waits until the file is ready. */
  async export(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Выгрузить' }).click();
    await expect(this.dialog.getByText(/^Файл готов/)).toBeVisible({ timeout: 30_000 });
  }

  async download(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.dialog.getByRole('link', { name: 'Скачать' }).click()]);
    return download;
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Закрыть' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
