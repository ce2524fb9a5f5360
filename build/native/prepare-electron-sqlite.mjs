#!/usr/bin/env node
// Keeps a build of better-sqlite3 for Electron's ABI beside the one for Node, so that `npm test` (Node)
// and `npm start` (Electron) both work on one checkout, in any order, with no rebuild in between:
//
//   node_modules/better-sqlite3/build/Release/better_sqlite3.node    for Node (npm install; untouched here)
//   .native/electron-<version>/better_sqlite3.node                    for Electron (this script)
//
// The Electron main process hands the second path to the core as better-sqlite3's `nativeBinding`
// (electron/main/native-binding.ts). The build happens in a temporary copy of the package, never in
// node_modules. First a prebuilt binary (prebuild-install, from the better-sqlite3 releases on GitHub);
// failing that, a compile from source (node-gyp with Electron's headers from electronjs.org, which needs
// a C++ toolchain). Idempotent: when the binary is there and was built for the same Electron,
// better-sqlite3, platform and architecture, it says so and exits at once.
//
//   node build/native/prepare-electron-sqlite.mjs [--dry-run] [--force] [--electron <version>] [--from-source]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(ROOT, 'package.json'));
const log = (message) => console.log(`[native] ${message}`);

const { values: args } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    electron: { type: 'string' },
    'from-source': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}

class PrepareError extends Error {}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    throw new PrepareError(`${name} is not installed in node_modules: run npm install first.`);
  }
}

const electronVersion = args.electron ?? readJson(join(packageDir('electron'), 'package.json')).version;
const sqliteDir = packageDir('better-sqlite3');
const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version;
const { platform, arch } = process;
// Must match electron/main/native-binding.ts.
const targetDir = join(ROOT, '.native', `electron-${electronVersion}`);
const target = join(targetDir, 'better_sqlite3.node');
const infoFile = join(targetDir, 'build-info.json');
const wanted = { electron: electronVersion, betterSqlite3: sqliteVersion, platform, arch };
const show = (path) => relative(ROOT, path) || '.';

function isCurrent() {
  if (!existsSync(target) || !existsSync(infoFile)) return false;
  try {
    const info = readJson(infoFile);
    return Object.entries(wanted).every(([key, value]) => info[key] === value);
  } catch {
    return false;
  }
}

/** npm's own node-gyp (npm ships one), else node-gyp from the registry through npx. */
function nodeGypCommand() {
  const candidates = [
    process.env.npm_config_node_gyp,
    process.env.npm_execpath && join(dirname(dirname(process.env.npm_execpath)), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  const script = candidates.find((path) => path && existsSync(path));
  if (script) return { command: process.execPath, prefix: [script] };
  return { command: platform === 'win32' ? 'npx.cmd' : 'npx', prefix: ['--yes', 'node-gyp'] };
}

function strategies() {
  const prebuild = {
    name: 'prebuilt binary (prebuild-install, github.com/WiseLibs/better-sqlite3 releases)',
    command: process.execPath,
    args: [join(packageDir('prebuild-install'), 'bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform, '--verbose'],
  };
  const gyp = nodeGypCommand();
  const devdir = join(homedir(), '.electron-gyp');
  const source = {
    name: 'compile from source (node-gyp, Electron headers from electronjs.org, needs a C++ toolchain)',
    command: gyp.command,
    args: [
      ...gyp.prefix,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
      `--devdir=${devdir}`,
    ],
  };
  return args['from-source'] ? [source] : [prebuild, source];
}

function run(step, cwd) {
  log(`$ ${[step.command, ...step.args].map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}`);
  const result = spawnSync(step.command, step.args, {
    cwd,
    stdio: 'inherit',
    shell: platform === 'win32' && step.command.endsWith('.cmd'),
    env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_disturl: 'https://electronjs.org/headers' },
  });
  if (result.error) return `${result.error.message}`;
  if (result.status !== 0) return `exit code ${result.status}${result.signal ? ` (${result.signal})` : ''}`;
  return null;
}

/** Loads the new binary in Electron running as Node, when the Electron binary is installed (not on CI). */
function verify(file) {
  let electronPath;
  try {
    electronPath = require('electron');
  } catch {
    log('Electron binary not installed here: skipping the load check (it happens at the first start).');
    return;
  }
  if (typeof electronPath !== 'string' || !existsSync(electronPath)) {
    log('Electron binary not installed here: skipping the load check (it happens at the first start).');
    return;
  }
  const code = `const D = require(${JSON.stringify(sqliteDir)}); const db = new D(':memory:', { nativeBinding: ${JSON.stringify(file)} });` +
    "console.log('[native] loads in Electron ' + process.versions.electron + ', SQLite ' + db.prepare('select sqlite_version() v').get().v); db.close();";
  const result = spawnSync(electronPath, ['-e', code], { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  if (result.status !== 0) throw new PrepareError(`the new binary does not load in Electron ${electronVersion} (exit code ${result.status}).`);
}

function main() {
  log(`Electron ${electronVersion}, better-sqlite3 ${sqliteVersion}, ${platform}-${arch}`);
  log(`target: ${show(target)}`);
  if (isCurrent() && !args.force) {
    log('up to date, nothing to do.');
    return;
  }
  log(existsSync(target) ? 'present but built for something else (or --force): rebuilding.' : 'missing: building it.');

  const plan = strategies();
  if (args['dry-run']) {
    log('dry run, would:');
    log(`  1. copy ${show(sqliteDir)} (without build/) to a temporary folder under ${tmpdir()}`);
    plan.forEach((step, i) => {
      log(`  ${i + 2}. ${i === 0 ? 'try' : 'else try'} ${step.name}, in that copy:`);
      log(`       ${[step.command, ...step.args].join(' ')}`);
    });
    log(`  ${plan.length + 2}. copy its build/Release/better_sqlite3.node to ${show(target)}, write ${show(infoFile)}`);
    log(`  ${plan.length + 3}. load it with Electron (ELECTRON_RUN_AS_NODE) if the Electron binary is installed`);
    log(`node_modules/better-sqlite3/build is not touched: npm test keeps using the Node build.`);
    return;
  }

  const work = mkdtempSync(join(tmpdir(), 'appeals-sqlite-electron-'));
  const copy = join(work, 'better-sqlite3');
  const failures = [];
  try {
    log(`copying ${show(sqliteDir)} to ${copy}`);
    const skip = [join(sqliteDir, 'build'), join(sqliteDir, 'node_modules'), join(sqliteDir, 'prebuilds')];
    cpSync(sqliteDir, copy, { recursive: true, filter: (src) => !skip.some((dir) => src === dir || src.startsWith(dir + sep)) });

    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    for (const step of plan) {
      log(`trying ${step.name}`);
      const failure = run(step, copy);
      if (!failure && existsSync(built)) break;
      failures.push(`${step.name}: ${failure ?? 'finished without producing build/Release/better_sqlite3.node'}`);
      rmSync(join(copy, 'build'), { recursive: true, force: true });
    }
    if (!existsSync(built)) {
      throw new PrepareError(
        [
          `could not get better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch}):`,
          ...failures.map((f) => `  - ${f}`),
          'It needs network access to github.com (prebuilt binary) or to electronjs.org/headers plus a C++',
          'toolchain (Visual Studio Build Tools on Windows, Xcode tools on macOS, build-essential and python3',
          'on Linux). Behind a proxy, set HTTPS_PROXY. Then run again: node build/native/prepare-electron-sqlite.mjs',
          'Nothing in node_modules was changed; npm test and the browser shell (npm run start:browser) still work.',
        ].join('\n'),
      );
    }

    mkdirSync(targetDir, { recursive: true });
    const partial = `${target}.partial`;
    cpSync(built, partial);
    verify(partial);
    renameSync(partial, target);
    writeFileSync(infoFile, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
    log(`ready: ${show(target)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(`${target}.partial`, { force: true });
  }
}

try {
  main();
} catch (error) {
  if (error instanceof PrepareError) {
    console.error(`[native] ${error.message}`);
    process.exit(1);
  }
  throw error;
}
