// Page object of «Сроки и календарь» and of the deadlines box on the intake form.
import { expect, type Locator, type Page } from '@playwright/test';

export class DeadlinesPage {
  readonly rules: Locator;
  readonly intakeDeadlines: Locator;

  constructor(private readonly page: Page) {
    this.rules = page.getByTestId('deadline-rule');
    this.intakeDeadlines = page.getByTestId('intake-deadlines');
  }

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'Правила сроков' }).click();
    await expect(this.page.getByRole('heading', { name: 'Сроки и календарь' })).toBeVisible();
  }

  /** The row of one rule, by the texts of its kind, category, channel and priority cells. */
  rule(kind: string, category: string, channel: string, priority = 'любая/любой'): Locator {
    return this.rules
      .filter({ has: this.page.getByRole('cell', { name: kind, exact: true }) })
      .filter({ has: this.page.locator(`td:nth-child(2)`, { hasText: category }) })
      .filter({ has: this.page.locator(`td:nth-child(3)`, { hasText: priority }) })
      .filter({ has: this.page.locator(`td:nth-child(4)`, { hasText: channel }) });
  }

  async setAmount(row: Locator, amount: string): Promise<void> {
    await row.getByLabel('Срок').fill(amount);
    await row.getByRole('button', { name: 'Сохранить' }).click();
  }

  async importCalendar(name: string, text: string): Promise<void> {
    await this.page.getByTestId('calendar-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  }
}
