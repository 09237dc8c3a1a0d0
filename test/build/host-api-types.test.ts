/**
 * porthole.d.ts as a host's TypeScript sees it: every call README documents compiles, and calls the widget would
 * ignore (an unknown command, a misspelt option, a handler expecting another event's payload) are errors.
 * The widget's own code takes these types from the same file, so this also pins what the widget accepts.
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';

const DECLARATIONS = fileURLToPath(new URL('../../widget/porthole.d.ts', import.meta.url));

/** Type errors of a host script compiled beside porthole.d.ts, as "line: message". */
function errorsOf(hostScript: string): string[] {
  const hostFile = '/host/page.ts';
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === hostFile ? hostScript : readFile(name));
  host.fileExists = (
    (exists) => (name: string) =>
      name === hostFile || exists(name)
  )(host.fileExists.bind(host));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) => (name === hostFile ? ts.createSourceFile(name, hostScript, language) : getSourceFile(name, language));
  const program = ts.createProgram([DECLARATIONS, hostFile], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
    return `${diagnostic.file?.fileName === hostFile ? line : diagnostic.file?.fileName}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}

describe('porthole.d.ts, the host API as types', () => {
  it('accepts every documented command and hands each event handler its own payload', () => {
    const errors = errorsOf(`
      import type { PortholeCommand } from '${DECLARATIONS.replace(/\.d\.ts$/, '.js')}';
      window.Porthole('open');
      window.Porthole('close');
      window.Porthole('toggle');
      window.Porthole('navigate', 'contact');
      window.Porthole('navigate', { article: 'returns' });
      window.Porthole('navigate', { request: 1042 });
      window.Porthole('navigate', 'helpcenter');
      window.Porthole('prefill', { subject: 'Order 55', email: 'ada@example.com', category: 'billing' });
      window.Porthole('suggest', { query: 'refund' });
      window.Porthole('config', { locale: 'de-AT', theme: 'dark', position: 'left', color: '#0f766e', hideLauncher: false });
      window.Porthole('identify', { jwt: () => fetch('/token').then((response) => response.text()) });
      window.Porthole('identify', { token: 'signed' });
      window.Porthole('logout');
      window.Porthole('on', 'ready', () => undefined);
      window.Porthole('on', 'request:created', ({ id }) => console.log(id.toFixed()));
      window.Porthole('on', 'request:updated', ({ id, status, statusLabel }) => console.log(id, status === 'solved', statusLabel.trim()));
      const later: PortholeCommand[] = [['open'], ['navigate', { request: 7 }], ['on', 'close', () => undefined]];
      for (const call of later) console.log(call[0]);
      export {};
    `);
    expect(errors).toEqual([]);
  });

  it.each([
    ["window.Porthole('opne');", 'an unknown command'],
    ["window.Porthole('config', { theme: 'sepia' });", 'a theme that does not exist'],
    ["window.Porthole('config', { colour: 'red' });", 'a misspelt option'],
    ["window.Porthole('navigate', { article: 42 });", 'an article id that is not a string'],
    ["window.Porthole('identify', { token: 42 });", 'a token that is not a string'],
    ["window.Porthole('on', 'request:created', (detail: { status: string }) => detail);", "a handler expecting another event's payload"],
    ["window.Porthole('on', 'opened', () => undefined);", 'an event that does not exist'],
  ])('refuses %s (%s)', (call) => {
    expect(errorsOf(`${call}\nexport {};`).some((error) => error.startsWith('1: '))).toBe(true);
  });
});
