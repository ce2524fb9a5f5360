// Page object of «Закрыть день»: the day, the open appeals of the district with their checkboxes,
// the carry-over and sign-off dialogs, and the Department's table of the nine districts.
import { expect, type Locator, type Page } from '@playwright/test';

export class DayClosurePage {
  readonly dayInput: Locator;
  readonly grid: Locator;
  readonly dialog: Locator;
  readonly remaining: Locator;
  readonly state: Locator;
  readonly signButton: Locator;

  constructor(private readonly page: Page) {
    this.dayInput = page.getByTestId('day-input');
    this.grid = page.getByTestId('closure-appeals');
    this.dialog = page.getByRole('dialog');
    this.remaining = page.getByTestId('remaining');
    this.state = page.getByTestId('closure-state');
    this.signButton = page.getByTestId('sign-day');
  }

  navItem(): Locator {
    return this.page.getByRole('link', { name: 'Закрыть день', exact: true });
  }

  async goto(): Promise<void> {
    await this.navItem().click();
    await expect(this.dayInput).toBeVisible();
  }

  /** ← on the screen: the day before the one shown. */
  async previousDay(): Promise<void> {
    const before = await this.dayInput.inputValue();
    await this.page.getByRole('heading', { level: 2 }).click();
    await this.page.keyboard.press('ArrowLeft');
    await expect(this.dayInput).not.toHaveValue(before);
  }

  async chooseDay(day: string): Promise<void> {
    await this.dayInput.fill(day);
    await expect(this.dayInput).toHaveValue(day);
  }

  /** The data rows of the grid (the header row left out). */
  rows(): Locator {
    return this.grid.locator('.MuiDataGrid-row');
  }

  async selectAll(): Promise<void> {
    await this.grid.getByRole('columnheader').getByRole('checkbox').check();
    // The rows take the selection on the next render: wait for it, or a click on a row races it.
    await expect(this.rows().first().getByRole('checkbox')).toBeChecked();
  }

  /** Carries the selected appeals over; no date: the default (the next working day). */
  async carrySelected(reason: string, controlDate?: string): Promise<void> {
    await this.page.getByTestId('carry-selected').click();
    await expect(this.dialog).toBeVisible();
    await this.page.getByTestId('carry-reason').fill(reason);
    if (controlDate) await this.page.getByTestId('carry-control-date').fill(controlDate);
    await this.page.keyboard.press('Control+Enter');
    await expect(this.dialog).toBeHidden();
  }

  async sign(comment: string): Promise<void> {
    await this.signButton.click();
    await expect(this.dialog).toBeVisible();
    await this.page.getByTestId('sign-comment').fill(comment);
    await this.page.getByTestId('sign-submit').click();
    await expect(this.dialog).toBeHidden();
  }

  districtRow(district: string): Locator {
    return this.page.getByTestId(`closure-row-${district}`);
  }

  async returnDistrict(district: string, reason: string): Promise<void> {
    await this.districtRow(district).getByTestId('closure-row-return').click();
    await expect(this.dialog).toBeVisible();
    await this.page.getByTestId('return-reason').fill(reason);
    await this.page.getByTestId('return-submit').click();
    await expect(this.dialog).toBeHidden();
  }
}
