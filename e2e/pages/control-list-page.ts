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

  /** The row whose address cell is exactly this address («д. 4», not «д. 428»). */
  row(address: string): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell', { name: address, exact: true }) });
  }

  /** The grid renders only the rows in view: scroll down until the address shows up. */
  async findRow(address: string): Promise<Locator> {
    const row = this.row(address);
    const scroller = this.grid.locator('.MuiDataGrid-virtualScroller');
    await expect(this.grid.getByRole('row').nth(1)).toBeVisible();
    for (let i = 0; i < 40 && (await row.count()) === 0; i++) {
      await scroller.evaluate((el) => el.scrollBy(0, 300));
      await this.page.waitForTimeout(50);
    }
    await expect(row).toBeVisible();
    return row;
  }

  async count(): Promise<number> {
    const text = (await this.total.textContent()) ?? '';
    return Number(/(\d+)/.exec(text)?.[1] ?? NaN);
  }
}
