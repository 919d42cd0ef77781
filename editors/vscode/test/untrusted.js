// Workspace trust: in an untrusted workspace whose settings point jiaodui.path at another
// program, the extension must ignore that path and run its bundled server.
//   node test/untrusted.js http://127.0.0.1:8765 /abs/workspace seed.txt /abs/shots
// The workspace's .vscode/settings.json sets jiaodui.path to a program that is not jiaodui;
// squiggles from the real server (and Restricted Mode) show the setting was ignored.
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [url, folder, file, shots = '.'] = process.argv.slice(2);
const t0 = Date.now();
const log = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-chrome-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 760 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  try {
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForSelector('.explorer-folders-view, .monaco-list', { timeout: 30000 });
    log('workbench up');
    await page.waitForSelector('.statusbar-item:has-text("Restricted Mode")', { timeout: 15000 });
    log('Restricted Mode');
    await page.keyboard.press('Control+P');
    const input = await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await input.fill(file);
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 60000 });
    log(`squiggles: ${(await page.$$('.monaco-editor .squiggly-warning')).length}`);
    log('OK');
  } catch (e) {
    console.error('FAIL', e.message);
    await page.screenshot({ path: `${shots}/untrusted-fail.png` }).catch(() => {});
    process.exitCode = 1;
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})();
