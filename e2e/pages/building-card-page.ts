// Page object of the address card.
import type { Locator, Page } from '@playwright/test';

export class BuildingCardPage {
  readonly heading: Locator;
  readonly onControlBadge: Locator;
  readonly appeals: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2 });
    this.onControlBadge = page.getByText('На контроле', { exact: true });
    this.appeals = page.getByRole('table', { name: 'Обращения по адресу' });
  }

  /** Opens the card from anywhere with the global search: Ctrl+K, type, Enter. */
  async openBySearch(query: string): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await this.page.keyboard.type(query);
    await this.page.getByRole('listbox').getByRole('option').first().waitFor();
    await this.page.keyboard.press('Enter');
  }
}
