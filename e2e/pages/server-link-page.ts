// Page objects of the first-run screen («Подключение к серверу»), the login screen («Вход») and the
// user in the app frame.
import { expect, type Locator, type Page } from '@playwright/test';

export class FirstRunPage {
  readonly heading: Locator;
  readonly serverUrl: Locator;
  readonly login: Locator;
  readonly password: Locator;
  readonly workstationName: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Подключение к серверу' });
    this.serverUrl = page.getByLabel('Адрес сервера');
    this.login = page.getByLabel('Логин');
    this.password = page.getByLabel('Пароль');
    this.workstationName = page.getByLabel('Название рабочего места');
  }

  /** Types into the form by keyboard, as a user would: the address field has the focus, Tab moves on, Enter connects. */
  async connect(values: { serverUrl: string; login: string; password: string; workstationName: string }): Promise<void> {
    await expect(this.serverUrl).toBeFocused();
    await this.page.keyboard.type(values.serverUrl);
    for (const value of [values.login, values.password, values.workstationName]) {
      await this.page.keyboard.press('Tab');
      await this.page.keyboard.type(value);
    }
    await this.page.keyboard.press('Enter');
  }

  async workStandalone(): Promise<void> {
    await this.page.getByRole('button', { name: 'Работать без сервера' }).click();
  }

  /** The message under a field. */
  errorOf(field: Locator): Locator {
    return field.locator('xpath=ancestor::div[contains(@class, "MuiFormControl-root")]').locator('.Mui-error.MuiFormHelperText-root');
  }
}

export class LoginPage {
  readonly heading: Locator;
  readonly login: Locator;
  readonly password: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Вход' });
    this.login = page.getByLabel('Логин');
    this.password = page.getByLabel('Пароль');
  }

  async logIn(login: string, password: string): Promise<void> {
    await expect(this.login).toBeFocused();
    await this.page.keyboard.type(login);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(password);
    await this.page.keyboard.press('Enter');
  }
}

export class FrameUser {
  /** The app bar, which names who works now. */
  readonly bar: Locator;
  readonly logout: Locator;

  constructor(page: Page) {
    this.bar = page.getByRole('banner');
    this.logout = this.bar.getByRole('button', { name: 'Выйти' });
  }
}
