// The extension's settings (`strategyLint.*`), read and normalised in one place.
import * as vscode from 'vscode';
import type { ServerSettings } from './protocol.js';

export const SECTION = 'strategyLint';

const DEFAULT_DEBOUNCE_MS = 250;

export interface ExtensionSettings extends ServerSettings {
  enable: boolean;
  statusBar: boolean;
  /** Node.js to run the server with; undefined: the extension host's runtime. */
  nodePath: string | undefined;
}

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/** What the server is told: values outside the schema (hand-edited settings.json) fall back to defaults. */
export function serverSettings(config = section()): ServerSettings {
  const run = config.get<string>('run') === 'onSave' ? 'onSave' : 'onType';
  const debounce = config.get<number>('debounceMs');
  const debounceMs =
    typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0
      ? Math.min(Math.round(debounce), 10_000)
      : DEFAULT_DEBOUNCE_MS;
  const suppressedFindings = config.get<string>('suppressedFindings') === 'hide' ? 'hide' : 'hint';
  const text = (key: string) => {
    const value = config.get<string>(key);
    return typeof value === 'string' ? value.trim() : '';
  };
  // A number typed into settings.json is taken as the string the schema asks for; the server checks the value.
  const concurrency = config.get<unknown>('concurrency');
  return {
    run,
    debounceMs,
    suppressedFindings,
    cache: config.get<boolean>('cache') !== false,
    cacheLocation: text('cacheLocation'),
    suppressionsLocation: text('suppressionsLocation'),
    concurrency: typeof concurrency === 'number' || typeof concurrency === 'string' ? String(concurrency).trim() || 'auto' : 'auto',
  };
}

export function readSettings(): ExtensionSettings {
  const config = section();
  // In Restricted Mode VS Code itself drops a workspace value of nodePath (restrictedConfigurations).
  const nodePath = config.get<string | null>('nodePath')?.trim();
  return {
    ...serverSettings(config),
    enable: config.get<boolean>('enable') !== false,
    statusBar: config.get<boolean>('statusBar.enable') !== false,
    nodePath: nodePath ? nodePath : undefined,
  };
}

/** Settings that only take effect when the server is started again. */
export function needsRestart(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.nodePath`);
}
