// Page object of the appeal card: its status, the action buttons, each action's dialog, the timeline.
import { expect, type Locator, type Page } from '@playwright/test';

export class AppealCardPage {
  readonly status: Locator;
  readonly actions: Locator;
  readonly dialog: Locator;
  readonly timeline: Locator;
  readonly deadlines: Locator;

  constructor(private readonly page: Page) {
    this.deadlines = page.getByTestId('appeal-deadline');
    this.status = page.getByTestId('appeal-status');
    this.actions = page.getByRole('toolbar', { name: 'Действия' });
    this.dialog = page.getByRole('dialog');
    this.timeline = page.getByRole('list', { name: 'История' });
  }

  /** The card's deadline rows as [kind, state] texts, in order. */
  async deadlineStates(): Promise<[string, string][]> {
    const rows = await this.deadlines.all();
    return Promise.all(
      rows.map(async (r) => [(await r.getByRole('cell').nth(0).textContent()) ?? '', (await r.locator('.MuiChip-label').textContent()) ?? ''] as [string, string]),
    );
  }

  async expectStatus(text: string): Promise<void> {
    await expect(this.status).toHaveText(text);
  }

  /** The labels of the action buttons shown now (without «Записать звонок»). */
  async actionLabels(): Promise<string[]> {
    const labels = await this.actions.getByRole('button').allTextContents();
    return labels.filter((l) => l !== 'Записать звонок');
  }

  async open(action: string): Promise<void> {
    await this.actions.getByRole('button', { name: action, exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  async choose(label: string, option: string): Promise<void> {
    await this.dialog.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  async fill(label: string, value: string): Promise<void> {
    await this.dialog.getByRole('textbox', { name: label }).fill(value);
  }

  /** Saves the dialog with Ctrl+Enter. */
  async submit(): Promise<void> {
    await this.dialog.getByRole('textbox').first().focus().catch(() => undefined);
    await this.page.keyboard.press('Control+Enter');
  }

  async submitAndClose(): Promise<void> {
    await this.dialog.getByRole('button').last().click();
    await expect(this.dialog).toBeHidden();
  }

  /** The error shown under a field of the dialog (its helper text). */
  fieldError(label: string): Locator {
    return this.dialog.locator('.MuiFormControl-root', { has: this.page.getByLabel(label, { exact: true }) }).locator('.Mui-error.MuiFormHelperText-root');
  }
}
