// The root tsconfig lists `types` explicitly (node, mocha), so VS Code's ambient `vscode` module is
// opted into here, for the extension (client/src) and its extension-host tests (test/vscode).
/// <reference types="vscode" />
