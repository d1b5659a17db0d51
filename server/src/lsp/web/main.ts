// Entry of the language server for the web extension (client/dist/browser/server.js), run by VS
// Code for the web (vscode.dev, github.dev, code-server) in a web worker. The same server as
// `--stdio`; what differs is the transport (the worker's message port) and the files: there is
// no disk, so each workspace folder is mirrored from the extension, which reads it through
// workspace.fs (strategyLint/listFolder, strategyLint/readFile, strategyLint/stat; see fs.ts).
import '../../platform/web/globals.js';
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { mirrorFolder, setFileSource } from '../../platform/web/fs.js';
import { ListFolderRequest, ReadFileRequest, StatRequest } from '../protocol.js';
import { readTextFile } from '../folderFiles.js';
import { redirectConsole, serve } from '../server.js';
import { pathToUri, uriToPath } from '../uri.js';

// The worker's global scope (the project compiles without the WebWorker lib).
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
redirectConsole(connection);

setFileSource({
  readFile: async (path) => (await connection.sendRequest(ReadFileRequest, { uri: pathToUri(path) })) ?? undefined,
  stat: async (path) => (await connection.sendRequest(StatRequest, { uri: pathToUri(path) })) ?? undefined,
});

serve(connection, {
  readFile: readTextFile,
  async prepareFolder(root) {
    const listing = await connection.sendRequest(ListFolderRequest, { uri: pathToUri(root) });
    const paths = (uris: readonly string[]) => uris.map(uriToPath).filter((p): p is string => p !== undefined);
    const texts: Record<string, string> = {};
    for (const [uri, text] of Object.entries(listing.texts)) {
      const path = uriToPath(uri);
      if (path) texts[path] = text;
    }
    mirrorFolder(root, paths(listing.files), texts, paths(listing.folders));
  },
});
