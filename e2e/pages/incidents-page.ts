// Page object of «Инциденты»: the list, the dialog that records a mass outage, and its card.
import { expect, type Locator, type Page } from '@playwright/test';

export class IncidentsPage {
  readonly list: Locator;
  readonly affected: Locator;

  constructor(private readonly page: Page) {
    this.list = page.getByRole('table', { name: 'Инциденты — массовые отключения' });
    this.affected = page.getByRole('table', { name: 'Затронутые дома' });
  }

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'Инциденты' }).click();
    await expect(this.page.getByRole('heading', { name: 'Инциденты — массовые отключения' })).toBeVisible();
  }

  /** Records an outage at the first heat source found by the query; ends on the incident's card. Returns its number. */
  async createOnHeatSource(query: string, cause: string): Promise<string> {
    await this.page.getByRole('button', { name: 'Зарегистрировать инцидент' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Новый инцидент' });
    await dialog.getByRole('combobox', { name: 'Источник тепла' }).fill(query);
    await this.page.getByRole('listbox').getByRole('option').first().click();
    await dialog.getByRole('textbox', { name: 'Причина' }).fill(cause);
    await dialog.getByRole('button', { name: 'Зарегистрировать инцидент' }).click();
    await expect(dialog).toBeHidden();
    const heading = this.page.getByRole('heading', { level: 2 });
    await expect(heading).toContainText('И-');
    const number = /И-[0-9A-Z]+-\d+/.exec((await heading.textContent()) ?? '')?.[0];
    if (!number) throw new Error('no incident number on the card');
    return number;
  }

  /** The address of the first affected building on the card. */
  async firstAffectedAddress(): Promise<string> {
    const link = this.affected.getByRole('link').first();
    await expect(link).toBeVisible();
    return (await link.textContent()) ?? '';
  }

  async open(number: string): Promise<void> {
    await this.goto();
    await this.list.getByRole('link', { name: number }).click();
  }

  linkedAppeal(number: string): Locator {
    return this.page.getByRole('row').filter({ hasText: number });
  }

  async restore(): Promise<void> {
    await this.page.getByRole('button', { name: 'Подача тепла восстановлена' }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Подача тепла восстановлена' }).click();
    await expect(this.page.getByText(/Подача тепла восстановлена; на проверку переведено обращений: \d+/)).toBeVisible();
  }
}
