// Page object of «Адреса на контроле».
import { expect, type Locator, type Page } from '@playwright/test';

export class ControlListPage {
  readonly grid: Locator;
  readonly total: Locator;

  constructor(private readonly page: Page) {
    this.grid = page.getByRole('grid');
    this.total = page.getByText(/Адресов на контроле: \d+/);
  }

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'Адреса на контроле' }).click();
    await expect(this.grid).toBeVisible();
  }

  async filterByDistrict(district: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Район' }).click();
    await this.page.getByRole('option', { name: district, exact: true }).click();
  }

  row(address: string): Locator {
    return this.grid.getByRole('row').filter({ hasText: address });
  }

  async count(): Promise<number> {
    const text = (await this.total.textContent()) ?? '';
    return Number(/(\d+)/.exec(text)?.[1] ?? NaN);
  }
}
