// Page object of «Сроки», the deadline badge in the app frame and the in-app deadline notice.
import { expect, type Locator, type Page } from '@playwright/test';

export type DueTab = 'overdue' | 'within_hour' | 'today';

export class DuePage {
  readonly grid: Locator;
  readonly badge: Locator;
  readonly notice: Locator;

  constructor(private readonly page: Page) {
    this.grid = page.getByRole('grid');
    this.badge = page.getByTestId('due-badge');
    this.notice = page.getByTestId('deadline-alert');
  }

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'Сроки', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Сроки' })).toBeVisible();
  }

  async openTab(tab: DueTab): Promise<void> {
    await this.page.getByTestId(`due-tab-${tab}`).click();
  }

  row(number: string): Locator {
    return this.grid.getByRole('row').filter({ hasText: number });
  }

  badgeCount(which: 'overdue' | 'hour' | 'today'): Locator {
    return this.page.getByTestId(`due-badge-${which}`);
  }

  async closeNotice(): Promise<void> {
    await this.notice.getByRole('button', { name: 'Закрыть' }).click();
    await expect(this.notice).toBeHidden();
  }
}
