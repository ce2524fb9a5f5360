// `npm run start:browser -- [--port N] [--data-dir DIR] [--demo] [--no-open]`: the app in a browser,
// on the same core as the Electron shell.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../core/core.js';
import { describeDemoLoad, loadDemoData } from '../core/demo/load-demo.js';
import { stateDemoStandalone, stateDemoUser } from '../core/demo/demo-user.js';
import { startBrowserHost } from './host.js';
import { openInChromium } from './open-browser.js';
import { TEST_CLOCK_ENV, testClock } from './test-clock.js';
import { buildRenderer, rendererBuildIsCurrent } from './renderer-build.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_RENDERER_DIR = join(ROOT, 'out', 'renderer-web');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: ожидается номер порта, получено ${values.port}`);
  const dataDir = resolve(values['data-dir'] ?? join(homedir(), '.appeals-control-desk', 'data'));

  // APPEALS_RENDERER_PREBUILT: the caller (the end-to-end tests) has just built the interface.
  if (!process.env['APPEALS_RENDERER_PREBUILT'] && !rendererBuildIsCurrent(ROOT, WEB_RENDERER_DIR)) {
    console.log('Сборка интерфейса…');
    await buildRenderer(ROOT, WEB_RENDERER_DIR);
  }
  // Tests only: a clock they can move (test-clock.ts).
  const clock = testClock(process.env[TEST_CLOCK_ENV]);
  if (clock) console.log(`Часы программы сдвигаются файлом ${process.env[TEST_CLOCK_ENV]} (${TEST_CLOCK_ENV}): только для тестов`);
  const core = await createCore({ dataDir, shell: 'browser', ...(clock ? { clock } : {}) });
  if (values.demo) {
    const demo = await loadDemoData(core, 1, clock ? clock() : Date.now());
    console.log(demo.loaded ? `Демо-данные. ${describeDemoLoad(demo)}` : 'Демо-данные: база уже заполнена');
    if (await stateDemoUser(core)) console.log('Рабочее место: «Оператор (демо)», оператор, Октябрьский район');
    if (await stateDemoStandalone(core)) console.log('Без сервера: демо-данные не синхронизируются');
  }
  const host = await startBrowserHost({ core, staticDir: WEB_RENDERER_DIR, port });
  console.log(`Данные: ${dataDir}`);
  console.log(`Откройте: ${host.launchUrl}`);
  if (!values['no-open'] && !openInChromium(host.launchUrl, dataDir)) {
    console.log('Chromium не найден: откройте ссылку выше в браузере');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Остановка (${signal})…`);
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
