// Drives real VS Code (code-server, with the jiaodui .vsix installed) through Playwright and
// Debian's Chromium, on the seed page:
//   node test/drive.js http://127.0.0.1:8765 /abs/workspace seed.txt /abs/shots
// Checks: squiggles (at least 10, one on line 1), the hover on 三會一課, Problems panel rows (at utf-16 columns), the five
// sections in Go to Symbol (Ctrl+Shift+O), a quick fix applied, "jiaodui: Fix All in File", an
// astral character before a finding, a settings change reaching the server, and a restart
// whose new server publishes again (rows cleared, then back).
// Exit code 0 when every check passes; screenshots go to the shots directory.
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [url, folder, file, shots = '.'] = process.argv.slice(2);
const TERM = '三會一課';
const SECTIONS = ['一、', '二、', '三、', '四、', '五、'];

const t0 = Date.now();
const log = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const flat = (s) => s.replace(/\s+/g, ' ').trim();
function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

// 1-based line and UTF-16 column (what VS Code's Go to Line takes) of `needle` in the file.
function locate(needle, nth = 0) {
  const lines = fs.readFileSync(path.join(folder, file), 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const col = lines[i].indexOf(needle);
    if (col >= 0) return { line: i + 1, column: col + 1 + nth };
  }
  throw new Error(`${needle} not in ${file}`);
}

async function runCommand(page, keys, text) {
  await page.keyboard.press(keys);
  const input = await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  if (text !== undefined) {
    await input.fill(text);
  }
  return input;
}

async function goTo(page, line, column) {
  await runCommand(page, 'Control+G', `:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden' });
}

// Text of the editor's view line at 1-based `line`, once it is rendered (null if it never is).
async function viewLineText(page, line) {
  const handle = await page.waitForFunction((n) => {
    const numbers = [...document.querySelectorAll('.monaco-editor .margin-view-overlays .line-numbers')];
    const num = numbers.find((e) => e.textContent.trim() === String(n));
    if (!num) return null;
    const top = num.closest('[style*="top"]')?.style.top ?? num.parentElement.style.top;
    const row = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].find((e) => e.style.top === top);
    return row ? row.textContent.replace(/\u00a0/g, ' ') : null;
  }, line, { timeout: 5000 }).catch(() => null);
  return handle ? handle.jsonValue() : null;
}

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
    await runCommand(page, 'Control+P', file);
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
    log('editor open');

    // 1. Squiggles from the server's diagnostics.
    // The seed page has 91 warnings on its first 20 lines (`jiaodui check --format json`), so
    // the visible part of the editor shows many squiggles, one of them on line 1.
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 60000 });
    const squiggles = await page.$$('.monaco-editor .squiggly-warning');
    log(`squiggles: ${squiggles.length}`);
    check(squiggles.length >= 10, `only ${squiggles.length} squiggles on the seed page`);
    const firstLineSquiggled = await page.evaluate(() => {
      const lines = [...document.querySelectorAll('.monaco-editor .view-line')];
      const first = lines.find((l) => l.innerText.includes('手機(jī)版'));
      if (!first) return false;
      const box = first.getBoundingClientRect();
      return [...document.querySelectorAll('.monaco-editor .squiggly-warning')].some((q) => {
        const r = q.getBoundingClientRect();
        return r.bottom > box.top && r.top < box.bottom;
      });
    });
    check(firstLineSquiggled, 'no squiggle on line 1 (手機(jī)版)');

    // 2. Problems panel: the inline pinyin of line 1 (`手機(jī)版`) at UTF-16 column 3.
    await page.keyboard.press('Control+Shift+M');
    const problem = await page.waitForSelector('.markers-panel .monaco-list-row:has-text("[Ln 1, Col 3]")', { timeout: 15000 });
    const problemText = flat(await problem.innerText());
    log(`problem: ${problemText}`);
    check(problemText.includes('garble/inline-pinyin'), 'the Ln 1 problem is not garble/inline-pinyin');
    const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.innerText));
    check(rows.filter((r) => r.includes('jiaodui')).length >= 3, `few jiaodui rows in Problems: ${rows.length}`);
    await page.screenshot({ path: `${shots}/problems.png` });

    // 3. Hover on the first finding (line 1, in `(jī)`): the server's explanation, with the
    // panel and side bar closed for the screenshot.
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+J');
    await page.keyboard.press('Control+B');
    await goTo(page, 1, 4);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const finding = await page.waitForFunction(
      () => [...document.querySelectorAll('.monaco-hover-content')].map((e) => e.innerText).find((t) => t.includes('garble/inline-pinyin')),
      null, { timeout: 15000 });
    log(`hover on (jī): ${flat(await finding.jsonValue()).slice(0, 200)}`);
    await page.waitForTimeout(500); // let the hover fade in
    await page.screenshot({ path: `${shots}/finding-hover.png`, clip: { x: 0, y: 0, width: 1280, height: 460 } });
    await page.keyboard.press('Escape');

    // 4. Hover on 三會一課 (cursor on its second character, then Show Hover).
    const at = locate(TERM, 1);
    await goTo(page, at.line, at.column);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = await page.waitForFunction(
      () => [...document.querySelectorAll('.monaco-hover-content')].map((e) => e.innerText).find((t) => t.includes('三會一課') || t.includes('三会一课')),
      null, { timeout: 15000 });
    log(`hover: ${flat(await hover.jsonValue()).slice(0, 200)}`);
    await page.waitForTimeout(500); // let the hover fade in
    await page.screenshot({ path: `${shots}/hover.png`, clip: { x: 0, y: 0, width: 1280, height: 460 } });
    await page.keyboard.press('Escape');

    // 5. Go to Symbol in Editor lists the five sections in order.
    await page.keyboard.press('Control+Shift+O');
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15000 });
    await page.waitForTimeout(500);
    const symbols = await page.$$eval('.quick-input-list .monaco-list-row .label-name', (els) => els.map((e) => e.textContent.trim()));
    log(`symbols: ${JSON.stringify(symbols)}`);
    const sections = symbols.map((s) => SECTIONS.find((n) => s.startsWith(n))).filter(Boolean);
    check(sections.join('') === SECTIONS.join(''), `sections in outline: ${sections.join(' ')}`);
    await page.screenshot({ path: `${shots}/symbols.png` });
    await page.keyboard.press('Escape');

    // 6. Quick fix on line 1: Ctrl+. on the pinyin, first action, the text changes.
    await goTo(page, 1, 4);
    const before = await viewLineText(page, 1);
    check(before && before.includes('(jī)'), `line 1 before the fix: ${before}`);
    await page.keyboard.press('Control+.');
    const item = await page.waitForSelector('.action-widget .monaco-list-row.action', { timeout: 15000 });
    log(`quick fix: ${flat(await item.innerText())}`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/quickfix.png`, clip: { x: 0, y: 0, width: 1280, height: 460 } });
    await page.keyboard.press('Enter');
    await page.waitForFunction((b) => {
      const el = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].find((e) => e.style.top === '0px');
      return el && el.textContent.replace(/\u00a0/g, ' ') !== b;
    }, before, { timeout: 15000 });
    const after = await viewLineText(page, 1);
    log(`line 1: ${before} -> ${after}`);
    check(after && !after.includes('(jī)'), 'the quick fix did not remove (jī)');

    // 7. The extension's command "jiaodui: Fix All in File" (source.fixAll.jiaodui): the
    // title's inline pinyin, `堅(jiān)強(qiáng)`, goes with the rest.
    await runCommand(page, 'F1', '>jiaodui: Fix All in File');
    await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("Fix All in File")', { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].map((e) => e.textContent);
      return rows.some((t) => t.includes('更加堅強')) && !rows.some((t) => t.includes('(jiān)'));
    }, null, { timeout: 15000 });
    log(`after fix all, line 1: ${await viewLineText(page, 1)}`);
    await page.screenshot({ path: `${shots}/fixed.png` });

    // 8. An astral character before a finding: 𠮷 is 2 UTF-16 units, so `(` is at column 5.
    await goTo(page, 1, 1);
    await page.keyboard.insertText('𠮷加強(qiáng)黨的建設\n');
    await page.keyboard.press('Control+Shift+M');
    const astral = await page.waitForSelector('.markers-panel .monaco-list-row:has-text("[Ln 1, Col 5]")', { timeout: 15000 });
    log(`after 𠮷: ${flat(await astral.innerText())}`);

    // 9. Settings reach the server live: jiaodui.locale = en, typed into the user settings.json
    // (through the editor: code-server here has no file watcher for outside writes; the other
    // settings are kept from USER_SETTINGS), switches the messages to English without a restart.
    await runCommand(page, 'F1', '>Preferences: Open User Settings (JSON)');
    await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("Open User Settings (JSON)")', { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.tab.active:has-text("settings.json")', { timeout: 15000 });
    await page.waitForTimeout(300);
    const settings = process.env.USER_SETTINGS ? JSON.parse(fs.readFileSync(process.env.USER_SETTINGS, 'utf8')) : {};
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify({ ...settings, 'jiaodui.locale': 'en' }));
    await page.keyboard.press('Control+S');
    const english = await page.waitForSelector('.markers-panel .monaco-list-row:has-text("inline pinyin annotation")', { timeout: 20000 });
    log(`locale en: ${flat(await english.innerText())}`);

    // 10. "jiaodui: Restart Server": a new server (started with the settings as
    // initializationOptions) publishes again. Rows still shown from the old server cannot pass
    // for the new one's: a line typed after the restart has a garble no server has seen, so its
    // row can only come from the new server. The caller also checks the log shows two starts.
    await runCommand(page, 'F1', '>jiaodui: Restart Server');
    await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("Restart Server")', { timeout: 15000 });
    await page.keyboard.press('Enter');
    // Back to the seed page (settings.json is the active editor since step 9).
    await page.click(`.tab:has-text("${file}")`);
    await page.waitForSelector(`.tab.active:has-text("${file}")`, { timeout: 15000 });
    await goTo(page, 1, 1);
    await page.keyboard.insertText('重新啟(qǐ)動\n');
    await page.keyboard.press('Control+Shift+M');
    const fresh = await page.waitForSelector('.markers-panel .monaco-list-row:has-text("啟(qǐ)")', { timeout: 30000 })
      .catch(() => { throw new Error('no diagnostic from the restarted server for a line typed after the restart'); });
    log(`after restart: ${flat(await fresh.innerText())}`);
    log('restarted');
    log('OK');
  } catch (e) {
    console.error('FAIL', e.message);
    await page.screenshot({ path: `${shots}/fail.png` }).catch(() => {});
    process.exitCode = 1;
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})();
