// The demo's workstation user: with --demo the browser shell states «Оператор (демо)», an operator
// of the Октябрьский district, unless someone has already filled in «Рабочее место». Without it the
// app would open on «Рабочее место» first (no district yet), as a real first run does. The demo
// works without a server, so the first-run screen («Подключение к серверу») does not come up either.
import type { WorkstationUser } from '../../../shared/contract/workstation-schemas.js';
import type { Core } from '../core.js';

export const DEMO_USER: WorkstationUser = { name: 'Оператор (демо)', role: 'operator', district: 'Октябрьский' };

export async function stateDemoUser(core: Core): Promise<boolean> {
  if (await core.db.call('getWorkstationUser')) return false;
  await core.handlers.setWorkstationUser(DEMO_USER);
  return true;
}

/** The demo works standalone unless the data folder already made its choice. */
export async function stateDemoStandalone(core: Core): Promise<boolean> {
  if ((await core.handlers.serverLinkState({})).mode !== 'unset') return false;
  await core.handlers.chooseStandalone({});
  return true;
}
