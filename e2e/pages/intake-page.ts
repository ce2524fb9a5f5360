// Page object of «Новое обращение»: what an operator does on the intake form, by keyboard alone.
import { expect, type Locator, type Page } from '@playwright/test';

export interface CallDetails {
  /** What the operator types into «Адрес» before picking the first suggestion. */
  addressQuery: string;
  flat?: string;
  applicant: string;
  phone?: string;
  /** Visible text of the channel and of the category, chosen with the arrow keys. */
  channel: string;
  category: string;
  /** «Приоритет» after «Категория»: left as the category pre-fills it unless given. */
  priority?: string;
  description: string;
}

export class IntakePage {
  readonly address: Locator;
  readonly registeredNotice: Locator;

  constructor(private readonly page: Page) {
    this.address = page.getByRole('combobox', { name: 'Адрес', exact: true });
    this.registeredNotice = page.getByRole('status').filter({ hasText: 'Обращение зарегистрировано' });
  }

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'Новое обращение' }).click();
    await expect(this.address).toBeVisible();
  }

  /** Fills the form with the keyboard only: Tab between fields, Ctrl+Enter to register. */
  async registerByKeyboard(call: CallDetails): Promise<string> {
    await this.chooseFirstAddress(call.addressQuery);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(call.flat ?? '');
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(call.applicant);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(call.phone ?? '');
    await this.page.keyboard.press('Tab');
    await this.chooseWithArrows(call.channel);
    await this.page.keyboard.press('Tab');
    await this.chooseWithArrows(call.category);
    await this.page.keyboard.press('Tab');
    if (call.priority) await this.chooseWithArrows(call.priority);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(call.description);
    await this.page.keyboard.press('Control+Enter');
    await expect(this.registeredNotice).toBeVisible();
    const text = (await this.registeredNotice.textContent()) ?? '';
    const number = /№ (\d{2}-[0-9A-Z]{4}-\d{5,})/.exec(text)?.[1];
    if (!number) throw new Error(`no registration number in «${text}»`);
    return number;
  }

  /** Types into «Адрес», takes the first suggestion with Enter and returns the chosen address. */
  async chooseFirstAddress(query: string): Promise<string> {
    await this.address.focus();
    await this.page.keyboard.type(query);
    await expect(this.page.getByRole('listbox').getByRole('option').first()).toBeVisible();
    await this.page.keyboard.press('Enter');
    return this.address.inputValue();
  }

  /** On the focused select, presses ↓ or ↑ until the option with this text is chosen. */
  private async chooseWithArrows(text: string): Promise<void> {
    const { options, selected } = await this.page.evaluate(() => {
      const select = document.activeElement;
      if (!(select instanceof HTMLSelectElement)) throw new Error('focus is not on a select');
      return { options: [...select.options].map((o) => o.text), selected: select.selectedIndex };
    });
    const target = options.indexOf(text);
    if (target < 0) throw new Error(`no option «${text}» among ${options.join(', ')}`);
    const key = target > selected ? 'ArrowDown' : 'ArrowUp';
    for (let i = 0; i < Math.abs(target - selected); i++) await this.page.keyboard.press(key);
  }

  /** One deadline in the form's deadlines box, by its kind's code: «Устранение 29.11.26, 07:47 (30 мин)». */
  deadline(kind: 'reaction' | 'check' | 'resolution' | 'feedback' | 'answer'): Locator {
    return this.page.getByTestId(`intake-deadline-${kind}`);
  }

  async fieldError(label: string): Promise<string> {
    const input = label === 'Адрес' ? this.address : this.page.getByRole('textbox', { name: label });
    const describedBy = await input.getAttribute('aria-describedby');
    if (!describedBy) return '';
    return (await this.page.locator(`[id="${describedBy}"]`).textContent()) ?? '';
  }
}
