// The server's settings, read from the `jiaodui.*` configuration. Only the keys the server
// knows are sent, and unset optional values are left out so the server keeps its defaults.
import * as vscode from 'vscode';

export interface ServerSettings {
  locale?: 'zh' | 'en';
  disable?: string[];
  enable?: string[];
  severity?: Record<string, string>;
  debounceMs?: number;
  maxDiagnosticsPerKind?: number;
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined;
}

export function serverSettings(scope?: vscode.ConfigurationScope): ServerSettings {
  const c = vscode.workspace.getConfiguration('jiaodui', scope);
  const out: ServerSettings = {};
  const locale = c.get<string | null>('locale');
  if (locale === 'zh' || locale === 'en') out.locale = locale;
  const disable = strings(c.get('disable'));
  if (disable) out.disable = disable;
  const enable = strings(c.get('enable'));
  if (enable) out.enable = enable;
  const severity = c.get<Record<string, unknown>>('severity');
  if (severity && typeof severity === 'object') {
    out.severity = {};
    for (const [code, level] of Object.entries(severity)) {
      if (typeof level === 'string') out.severity[code] = level;
    }
  }
  const debounce = c.get<number | null>('debounceMs');
  if (typeof debounce === 'number' && debounce >= 0) out.debounceMs = Math.floor(debounce);
  const max = c.get<number | null>('maxDiagnosticsPerKind');
  if (typeof max === 'number' && max >= 1) out.maxDiagnosticsPerKind = Math.floor(max);
  return out;
}

/** Settings that change what runs (not just how it checks): these need a server restart. */
export const RESTART_KEYS = ['jiaodui.path'];
