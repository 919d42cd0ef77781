// jiaodui for VS Code: starts `jiaodui lsp` for plaintext and Markdown files, passes the
// `jiaodui.*` settings to it, and adds restart / fix-all / show-output commands.
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  Executable,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
} from 'vscode-languageclient/node';
import { resolveServer } from './server';
import { RESTART_KEYS, serverSettings } from './settings';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('jiaodui');
const LANGUAGES = ['plaintext', 'markdown'];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let extensionPath: string;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel('jiaodui');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('jiaodui.restartServer', () => restart()),
    vscode.commands.registerCommand('jiaodui.fixAll', () => fixAllInActiveEditor()),
    vscode.commands.registerCommand('jiaodui.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => onConfigurationChanged(e)),
    // Trust granted: a workspace jiaodui.path may now apply.
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart()),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const server = resolveServer(extensionPath);
  if (typeof server === 'string') {
    output.appendLine(server);
    const open = 'Open Settings';
    vscode.window.showErrorMessage(server, open).then((choice) => {
      if (choice === open) vscode.commands.executeCommand('workbench.action.openSettings', 'jiaodui.path');
    });
    return;
  }
  output.appendLine(`Starting ${server.command} lsp (${server.source})`);
  // No `transport`: with TransportKind.stdio the client would append `--stdio` to the args.
  const run: Executable = { command: server.command, args: ['lsp'] };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: () => serverSettings(),
    middleware: {
      workspace: {
        // Answer workspace/configuration for section "jiaodui" with the server's keys only
        // (not jiaodui.path or trace), per scope when the server asks for a file.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) => {
            if (item.section !== 'jiaodui') return answers[i];
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return serverSettings(scope);
          });
        },
      },
    },
  };
  client = new LanguageClient('jiaodui', 'jiaodui', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    output.appendLine(`jiaodui failed to start: ${e}`);
    vscode.window.showErrorMessage(`jiaodui failed to start: ${e}`);
  }
}

async function stop(): Promise<void> {
  const old = client;
  client = undefined;
  if (old) {
    try {
      await old.stop(5000);
    } catch (e) {
      output.appendLine(`jiaodui did not stop cleanly: ${e}`);
    }
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

function onConfigurationChanged(e: vscode.ConfigurationChangeEvent): void {
  if (!e.affectsConfiguration('jiaodui')) return;
  if (RESTART_KEYS.some((k) => e.affectsConfiguration(k)) || !client) {
    restart();
    return;
  }
  if (client.isRunning()) {
    client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { jiaodui: serverSettings() },
    });
  }
}

/** Applies the server's `source.fixAll.jiaodui` action to the active file. */
async function fixAllInActiveEditor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const doc = editor.document;
  if (!LANGUAGES.includes(doc.languageId)) {
    vscode.window.showInformationMessage('jiaodui checks plain text and Markdown files only.');
    return;
  }
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      whole,
      FIX_ALL_KIND.value,
      10,
    )) ?? [];
  const fixAll = actions.filter((a) => a.kind && FIX_ALL_KIND.contains(a.kind));
  if (fixAll.length === 0) {
    vscode.window.setStatusBarMessage('jiaodui: nothing to fix', 3000);
    return;
  }
  for (const action of fixAll) {
    if (action.edit) await vscode.workspace.applyEdit(action.edit);
    if (action.command) {
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    }
  }
}
