// Page object of «Импорт реестра».
import { expect, type Locator, type Page } from '@playwright/test';

export class ImportPage {
  readonly success: Locator;
  readonly failure: Locator;
  readonly errors: Locator;

  constructor(private readonly page: Page) {
    this.success = page.getByRole('status').filter({ hasText: 'Импортировано строк' });
    this.failure = page.getByRole('alert').filter({ hasText: 'Ничего не импортировано' });
    this.errors = page.getByRole('table').filter({ hasText: 'Причина' });
  }

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'Импорт реестра' }).click();
    await expect(this.page.getByRole('heading', { name: 'Импорт реестра' })).toBeVisible();
  }

  async importFile(name: string, content: Buffer, mimeType: string): Promise<void> {
    await this.page.getByLabel('Выбрать файл…').setInputFiles({ name, mimeType, buffer: content });
    await this.page.getByRole('button', { name: 'Импортировать' }).click();
  }
}
