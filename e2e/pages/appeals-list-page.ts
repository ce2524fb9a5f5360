// Page object of «Обращения»: find an appeal in the list and open its card.
import { expect, type Locator, type Page } from '@playwright/test';

export class AppealsListPage {
  readonly search: Locator;
  readonly grid: Locator;

  constructor(private readonly page: Page) {
    this.search = page.getByRole('searchbox', { name: /Поиск/ });
    this.grid = page.getByRole('grid');
  }

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'Обращения' }).click();
    await expect(this.grid).toBeVisible();
  }

  row(number: string): Locator {
    return this.grid.getByRole('row').filter({ hasText: number });
  }

  async find(number: string): Promise<Locator> {
    await this.search.fill(number);
    const row = this.row(number);
    await expect(row).toBeVisible();
    return row;
  }
}
