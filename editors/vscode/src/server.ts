// Finding the jiaodui executable: the `jiaodui.path` setting, else the binary bundled in the
// extension (server/), else `jiaodui` on PATH. Kept free of the languageclient so it stays small.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

export type ServerSource = 'setting' | 'bundled' | 'path';

export interface ResolvedServer {
  command: string;
  source: ServerSource;
}

const exe = process.platform === 'win32' ? 'jiaodui.exe' : 'jiaodui';

/**
 * The `jiaodui.path` value that may be used. A path from workspace settings runs an arbitrary
 * program, so in an untrusted workspace only the user (global) value counts. VS Code already
 * hides restricted workspace values in untrusted workspaces (package.json
 * `restrictedConfigurations`); checking here too keeps that true on any host.
 */
export function configuredPath(): string | undefined {
  const info = vscode.workspace.getConfiguration('jiaodui').inspect<string>('path');
  if (!info) return undefined;
  const candidates = vscode.workspace.isTrusted
    ? [info.workspaceFolderValue, info.workspaceValue, info.globalValue]
    : [info.globalValue];
  const value = candidates.find((v) => typeof v === 'string' && v.trim() !== '');
  return value?.trim();
}

function expand(p: string): string {
  if (p === '~' || p.startsWith('~/')) p = path.join(os.homedir(), p.slice(1));
  if (!path.isAbsolute(p)) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder && folder.uri.scheme === 'file') p = path.join(folder.uri.fsPath, p);
  }
  return p;
}

function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const full = path.join(dir, name);
    if (isExecutableFile(full)) return full;
  }
  return undefined;
}

/** Returns the server to run, or an error message saying what was tried. */
export function resolveServer(extensionPath: string): ResolvedServer | string {
  const setting = configuredPath();
  if (setting) {
    const full = expand(setting);
    if (isExecutableFile(full)) return { command: full, source: 'setting' };
    return `jiaodui.path is set to "${setting}", but ${full} is not an executable file.`;
  }
  const bundled = path.join(extensionPath, 'server', exe);
  if (fs.existsSync(bundled)) {
    // A .vsix is a zip: some unpackers drop the executable bit.
    if (!isExecutableFile(bundled)) {
      try {
        fs.chmodSync(bundled, 0o755);
      } catch {
        /* reported below if it still cannot run */
      }
    }
    if (isExecutableFile(bundled)) return { command: bundled, source: 'bundled' };
  }
  const found = onPath(exe);
  if (found) return { command: found, source: 'path' };
  return 'Cannot find the jiaodui language server: jiaodui.path is empty, the extension has no bundled binary, and `jiaodui` is not on PATH.';
}
