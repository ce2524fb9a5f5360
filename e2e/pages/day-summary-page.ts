// Page object of «Итоги дня»: the day picker, the district for the Department, the headline figures
// and the dialog with the appeals behind a figure.
import { expect, type Locator, type Page } from '@playwright/test';

export type Figure = 'received' | 'closed' | 'open' | 'overdue';

export class DaySummaryPage {
  readonly dayInput: Locator;
  readonly dialog: Locator;

  constructor(private readonly page: Page) {
    this.dayInput = page.getByTestId('day-input');
    this.dialog = page.getByRole('dialog');
  }

  navItem(): Locator {
    return this.page.getByRole('link', { name: 'Итоги дня', exact: true });
  }

  async goto(): Promise<void> {
    await this.navItem().click();
    await expect(this.page.getByRole('heading', { name: 'Итоги дня' })).toBeVisible();
    await expect(this.page.getByTestId('figure-received-value')).toBeVisible();
  }

  /** ← on the screen: the day before the one shown. */
  async previousDay(): Promise<void> {
    const before = await this.dayInput.inputValue();
    await this.page.getByRole('heading', { name: 'Итоги дня' }).click();
    await this.page.keyboard.press('ArrowLeft');
    await expect(this.dayInput).not.toHaveValue(before);
  }

  async chooseDistrict(district: string): Promise<void> {
    await this.page.getByTestId('district-select').selectOption(district);
  }

  async figure(f: Figure): Promise<number> {
    return Number(await this.page.getByTestId(`figure-${f}-value`).textContent());
  }

  async openFigure(f: Figure): Promise<void> {
    await this.page.getByTestId(`figure-${f}`).click();
    await expect(this.dialog).toBeVisible();
  }

  /** The dialog's count (its title ends with «: N») and the grid's «из N». */
  async dialogTotal(): Promise<{ title: number; footer: number }> {
    const title = this.dialog.locator('#drill-title');
    await expect(title).toHaveText(/: \d+$/);
    const footer = this.dialog.getByText(/ из \d+/);
    return {
      title: Number(/: (\d+)$/.exec((await title.textContent()) ?? '')?.[1]),
      footer: Number(/ из (\d+)/.exec((await footer.textContent()) ?? '')?.[1]),
    };
  }

  async closeDialog(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Закрыть' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
