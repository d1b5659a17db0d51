import { readFileSync } from 'node:fs';
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedFile } from '../model/file.js';
import type { Analyzer } from './analysis.js';
import { codeActionsFor } from './codeActions.js';
import { codeLenses } from './codeLens.js';
import { completionsAt } from './completion.js';
import type { FolderState, Folders } from './folders.js';
import { hoverAt } from './hover.js';
import { behindOption } from '../rules/healthFacts.js';
import { definitionAt, referencesAt } from './navigation.js';
import { RelintRequest, ReportRequest, StatsRequest, StrategyTreeRequest } from './protocol.js';
import { folderReports } from './report.js';
import { renameEdits, renameSubjectAt } from './rename.js';
import { documentSymbols, workspaceSymbols } from './symbols.js';
import { readTextFile } from './folderFiles.js';
import { syncFolder, type SyncContext } from './sync.js';
import { strategyTree } from './tree.js';
import { pathToUri, uriToPath } from './uri.js';

/** A document the client asks about without having opened it: its text on disk, BOM-less. */
function diskText(path: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return '';
  }
}

export interface FeatureContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders: Folders;
  analyzer: Analyzer;
  sync: SyncContext;
  log(message: string): void;
}

interface OpenFile {
  folder: FolderState;
  path: string;
  parsed: ParsedFile;
  /** The editor's text (BOM-less, as the engine's offsets). */
  text: string;
}

/** Registers the language features. Every handler is guarded: a failure is logged and answered with nothing, never a crash. */
export function registerFeatures(context: FeatureContext): void {
  const { connection, documents, folders, analyzer } = context;

  /** The engine's view of an open document, brought up to date with the editor first. */
  const openFile = (uri: string): OpenFile | undefined => {
    analyzer.flush(uri);
    const path = uriToPath(uri);
    const folder = path && folders.folderFor(path);
    const parsed = folder && folder.engine.getFile(path);
    const document = documents.get(uri);
    if (!path || !folder || !parsed) return undefined;
    return { folder, path, parsed, text: document ? document.getText() : diskText(path) };
  };

  const guard = <P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) =>
    async (params: P, token: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        context.log(`${name} failed: ${(error as Error)?.stack ?? String(error)}`);
        return fallback;
      }
    };

  const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

  /** For files not open: the disk. For open ones: the editor. BOM-less, like the engine's offsets. */
  const currentText = async (file: string): Promise<string | undefined> => {
    const open = documents.get(pathToUri(file));
    const text = open ? open.getText() : await readTextFile(file);
    return text?.replace(/^\uFEFF/, '');
  };

  connection.onHover(
    guard('hover', null, ({ textDocument, position }) => {
      const open = openFile(textDocument.uri);
      if (!open) return null;
      const engine = open.folder.engine;
      // Judged with the settings of the hovered file's folder (configs cascade, §10.12).
      const config = engine.configFor(open.parsed.path);
      const settings = { today: config.today, fiscalYearStart: config.fiscalYearStart, effortUnit: config.effortUnit };
      const health = { settings, behind: behindOption(config.rules['metric-pace']?.options) };
      return hoverAt(open.parsed, open.parsed.lineMap.offsetAt(position), engine, (f) => open.folder.displayPath(f), health);
    }),
  );

  connection.onDefinition(
    guard('definition', [], ({ textDocument, position }) => {
      const open = openFile(textDocument.uri);
      return open ? definitionAt(open.parsed, open.parsed.lineMap.offsetAt(position), open.folder.engine.index) : [];
    }),
  );

  connection.onReferences(
    guard('references', [], ({ textDocument, position, context: refContext }, token) => {
      const open = openFile(textDocument.uri);
      if (!open) return [];
      const result = referencesAt(open.parsed, open.parsed.lineMap.offsetAt(position), open.folder.engine.index, refContext.includeDeclaration, token);
      if (token.isCancellationRequested) throw cancelled();
      return result;
    }),
  );

  connection.onPrepareRename(
    guard('prepareRename', null, ({ textDocument, position }) => {
      const open = openFile(textDocument.uri);
      if (!open) return null;
      const subject = renameSubjectAt(open.parsed, open.text, open.parsed.lineMap.offsetAt(position), open.folder.engine.index);
      return { range: open.parsed.lineMap.rangeOf(subject.span), placeholder: subject.id };
    }),
  );

  connection.onRenameRequest(
    guard('rename', null, async ({ textDocument, position, newName }, token) => {
      analyzer.flushAll();
      const open = openFile(textDocument.uri);
      if (!open) return null;
      const subject = renameSubjectAt(open.parsed, open.text, open.parsed.lineMap.offsetAt(position), open.folder.engine.index);
      const edit = await renameEdits(subject, newName, open.folder.engine.index, currentText, token);
      if (token.isCancellationRequested) throw cancelled();
      return edit;
    }),
  );

  connection.onCompletion(
    guard('completion', [], ({ textDocument, position }) => {
      const open = openFile(textDocument.uri);
      if (!open) return [];
      return completionsAt(open.text, open.parsed.lineMap.offsetAt(position), open.parsed, open.folder.engine.index);
    }),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', [], ({ textDocument }) => {
      const open = openFile(textDocument.uri);
      return open ? documentSymbols(open.parsed) : [];
    }),
  );

  connection.onWorkspaceSymbol(
    guard('workspaceSymbol', [], ({ query }, token) => {
      analyzer.flushAll();
      const result = workspaceSymbols(folders.all().map((f) => f.engine.index), query, token);
      if (token.isCancellationRequested) throw cancelled();
      return result;
    }),
  );

  connection.onCodeLens(
    guard('codeLens', [], ({ textDocument }) => {
      const open = openFile(textDocument.uri);
      return open ? codeLenses(open.parsed, open.folder.engine) : [];
    }),
  );

  connection.onCodeAction(
    guard('codeAction', [], (params) => {
      const open = openFile(params.textDocument.uri);
      if (!open || !documents.get(params.textDocument.uri)) return [];
      return codeActionsFor(open.folder.engine, open.path, open.text, params);
    }),
  );

  // The client asks again after each change it is told about; unchanged indexes give the same tree.
  let treeCache: { key: string; nodes: ReturnType<typeof strategyTree> } | undefined;
  connection.onRequest(
    StrategyTreeRequest,
    guard('strategyTree', [], () => {
      analyzer.flushAll();
      const engines = folders.all().map((f) => f.engine);
      // Orphans come from the reported findings: a new configuration (a rule turned off) changes them too.
      const key = folders.all().map((f) => `${f.uri}@${f.engine.index.version}:${f.engine.generation}`).join('|');
      if (treeCache?.key !== key) treeCache = { key, nodes: strategyTree(engines) };
      return treeCache.nodes;
    }),
  );

  const report = guard('report', { folders: [], style: '' }, () => {
    analyzer.flushAll();
    return folderReports(folders.all());
  });
  connection.onRequest(ReportRequest, (token) => report(undefined, token));

  const relint = guard('relint', { files: 0 }, async () => {
    await Promise.all(folders.all().map((folder) => folder.enqueue(() => syncFolder(folder, 'full', context.sync))));
    for (const folder of folders.all()) if (folder.loose) context.analyzer.markDirty(folder, folder.filePaths());
    return { files: folders.all().reduce((n, f) => n + f.engine.index.fileCount, 0) };
  });
  connection.onRequest(RelintRequest, (token) => relint(undefined, token));

  const stats = guard('stats', null, () => analyzer.stats());
  connection.onRequest(StatsRequest, async (token) => (await stats(undefined, token)) ?? analyzer.stats());
}
