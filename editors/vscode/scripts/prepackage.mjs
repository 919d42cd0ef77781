// Prepares what `vsce package` puts in the .vsix besides out/extension.js:
// - server/jiaodui: the release binary built from this checkout, where the extension looks for
//   a bundled server. Runs `cargo build --release` first (a no-op when it is up to date) unless
//   JIAODUI_SKIP_CARGO=1; JIAODUI_SERVER=/path/to/jiaodui copies that binary instead.
// - out/README.md + images/: the README with its links made to work inside the package (the
//   repository's README points at ../screenshots/ and ../../, outside the extension).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionDir = path.resolve(here, '..');
const repo = path.resolve(extensionDir, '..', '..');
const exe = process.platform === 'win32' ? 'jiaodui.exe' : 'jiaodui';

let binary = process.env.JIAODUI_SERVER;
if (!binary) {
  if (process.env.JIAODUI_SKIP_CARGO !== '1') {
    execFileSync('cargo', ['build', '--release', '--locked', '--bin', 'jiaodui'], { cwd: repo, stdio: 'inherit' });
  }
  const targetDir = path.resolve(repo, process.env.CARGO_TARGET_DIR || 'target');
  binary = path.join(targetDir, 'release', exe);
}
if (!fs.existsSync(binary)) {
  console.error(`prepackage: ${binary} does not exist`);
  process.exit(1);
}
const dest = path.join(extensionDir, 'server', exe);
fs.mkdirSync(path.dirname(dest), { recursive: true });
fs.copyFileSync(binary, dest);
fs.chmodSync(dest, 0o755);
// The .vsix needs no symbols: strip them where a `strip` exists (not on Windows).
if (process.platform !== 'win32') {
  try {
    execFileSync('strip', [process.platform === 'darwin' ? '-x' : '--strip-all', dest]);
  } catch (e) {
    console.warn(`prepackage: strip failed (${e.message}); bundling the binary as built`);
  }
}
const mb = (f) => (fs.statSync(f).size / 1e6).toFixed(1);
console.log(`prepackage: ${binary} (${mb(binary)} MB) -> ${path.relative(extensionDir, dest)} (${mb(dest)} MB)`);

let readme = fs.readFileSync(path.join(extensionDir, 'README.md'), 'utf8');
fs.mkdirSync(path.join(extensionDir, 'images'), { recursive: true });
readme = readme.replace(/\]\(\.\.\/screenshots\/([^)]+)\)/g, (_, name) => {
  fs.copyFileSync(path.join(repo, 'editors', 'screenshots', name), path.join(extensionDir, 'images', name));
  return `](images/${name})`;
});
readme = readme.replace(/\[([^\]]+)\]\((\.\.\/[^)]*)\)/g, '$1'); // other links out of the extension
fs.mkdirSync(path.join(extensionDir, 'out'), { recursive: true });
fs.writeFileSync(path.join(extensionDir, 'out', 'README.md'), readme);
