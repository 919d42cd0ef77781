// Prints the VS Code platform target of this machine (linux-x64, darwin-arm64, win32-x64, …),
// for `vsce package --target`: each .vsix carries one platform's server binary.
const arch = { x64: 'x64', arm64: 'arm64', arm: 'armhf', ia32: 'ia32' }[process.arch] ?? process.arch;
let platform = process.platform;
if (platform === 'linux') {
  // musl-based systems (Alpine) take the alpine-* targets.
  const report = process.report?.getReport?.();
  if (report && !report.header?.glibcVersionRuntime) platform = 'alpine';
}
process.stdout.write(`${platform}-${arch}`);
