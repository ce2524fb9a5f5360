// Page object of the address card.
import { expect, type Locator, type Page } from '@playwright/test';

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
    // Only once the frame is there: a key pressed before the app has rendered is lost, and the screen's
    // own field (the intake form focuses «Адрес» as it appears) would take what is typed next.
    const search = this.page.getByPlaceholder('Поиск адреса (Ctrl+K)');
    await expect(search).toBeVisible();
    await this.page.keyboard.press('Control+k');
    await expect(search).toBeFocused();
    await this.page.keyboard.type(query);
    await this.page.getByRole('listbox').getByRole('option').first().waitFor();
    await this.page.keyboard.press('Enter');
  }
}
