// Starts `argmap lsp` for .arg files. No build step: plain CommonJS.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("argmap");
  const command = config.get("command", "argmap");
  const args = ["lsp"];
  for (const folder of config.get("sources", [])) {
    args.push("--sources", folder);
  }
  client = new LanguageClient(
    "argmap",
    "argmap",
    { command, args },
    { documentSelector: [{ scheme: "file", language: "arg" }] }
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
