// Check editors/vscode/syntaxes/kaoping.tmLanguage.json with the TextMate
// engine VS Code uses. Needs the npm packages vscode-textmate and
// vscode-oniguruma, installed outside the repository, e.g.
//   mkdir -p /tmp/tmtest && cd /tmp/tmtest && npm install vscode-textmate vscode-oniguruma
//   NODE_PATH=/tmp/tmtest/node_modules node editors/test/tmgrammar.js
// Runs the cases of editors/test/cases.tsv (the Vim check's cases) with the
// scope each Vim group stands for, tokenizes every line of the files and
// fails if a line does not end in the top scope (a runaway string or
// comment). `--dump FILE` prints each token of FILE with its scopes.
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = path.resolve(__dirname, '..', '..');
const grammarPath = path.join(root, 'editors/vscode/syntaxes/kaoping.tmLanguage.json');

// Vim group -> the innermost TextMate scope (for String, Escape and Comment:
// a scope anywhere on the token's stack).
const SCOPE = {
  Structure: /^keyword\.other\.kaoping$/,
  Test: /^keyword\.other\.test\.kaoping$/,
  Rule: /^keyword\.control\.kaoping$/,
  Conditional: /^keyword\.control\.conditional\.kaoping$/,
  Type: /^storage\.type\.kaoping$/,
  Boolean: /^constant\.language\.boolean\.kaoping$/,
  None: /^constant\.language\.none\.kaoping$/,
  Operator: /^keyword\.operator\.logical\.kaoping$/,
  Function: /^support\.function\.kaoping$/,
  Symbol: /^keyword\.operator\.(comparison|range|arithmetic|assignment)\.kaoping$/,
  Delimiter: /^punctuation\.(terminator\.statement|separator\.comma|separator\.colon)\.kaoping$/,
  Bracket: /^punctuation\.section\.(braces|parens|brackets)\.kaoping$/,
  Number: /^constant\.numeric\.kaoping$/,
  Percent: /^constant\.numeric\.percentage\.kaoping$/,
  Date: /^constant\.other\.date\.kaoping$/,
};
const ANYWHERE = {
  String: /^string\.quoted\.double(\.curly)?\.kaoping$/,
  Escape: /^constant\.character\.escape\.kaoping$/,
  Comment: /^comment\.(line\.double-slash|block)\.kaoping$/,
};

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.kaoping'
        ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
        : null,
  });
  return registry.loadGrammar('source.kaoping');
}

// tokens[i] = [{startIndex, endIndex, scopes}] of line i (0-based; UTF-16 offsets)
function tokenize(grammar, text) {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  let state = vsctm.INITIAL;
  const tokens = [];
  const open = []; // the scope still open at the end of each line, or null
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    tokens.push(r.tokens);
    const last = r.tokens[r.tokens.length - 1];
    open.push(r.ruleStack.depth > 1 && last ? last.scopes[last.scopes.length - 1] : null);
    state = r.ruleStack;
  }
  return { lines, tokens, open, endState: state };
}

async function main() {
  const grammar = await loadGrammar();
  if (!grammar) throw new Error('grammar did not load');
  const dump = process.argv.indexOf('--dump');
  if (dump >= 0) {
    const t = tokenize(grammar, fs.readFileSync(process.argv[dump + 1], 'utf8'));
    t.lines.forEach((line, i) => {
      for (const tok of t.tokens[i]) {
        const text = line.slice(tok.startIndex, tok.endIndex);
        if (text.trim()) console.log(`${i + 1}: ${JSON.stringify(text)} ${tok.scopes.slice(1).join(' ') || '-'}`);
      }
    });
    return;
  }
  const errors = [];
  let checked = 0;
  const files = new Map();
  const cases = fs.readFileSync(path.join(root, 'editors/test/cases.tsv'), 'utf8').split('\n');
  for (const c of cases) {
    if (!c.trim() || c.startsWith('#')) continue;
    const fields = c.split('\t');
    if (fields.length !== 4) {
      errors.push(`cases.tsv: not FILE<TAB>CONTEXT<TAB>NEEDLE<TAB>GROUP: ${c}`);
      continue;
    }
    const [file, ctx, needle, group] = fields;
    if (!files.has(file)) {
      const t = tokenize(grammar, fs.readFileSync(path.join(root, file), 'utf8'));
      files.set(file, t);
      t.open.forEach((scope, i) => {
        if (scope && !scope.startsWith('comment.block')) errors.push(`${file}:${i + 1}: the line ends inside ${scope}`);
      });
      if (t.endState.depth > 1) errors.push(`${file}: the file ends inside a string or comment`);
    }
    const t = files.get(file);
    const ln = t.lines.findIndex((l) => l.includes(ctx));
    const off = ctx.indexOf(needle);
    if (ln < 0 || off < 0) {
      errors.push(`${file}: bad case: no line contains "${ctx}", or "${needle}" is not in it`);
      continue;
    }
    const col = t.lines[ln].indexOf(ctx) + off;
    const tok = t.tokens[ln].find((k) => k.startIndex <= col && col < k.endIndex);
    const scopes = tok ? tok.scopes : [];
    const inner = scopes[scopes.length - 1] || '';
    let ok;
    if (group === '-') ok = scopes.length === 1 && scopes[0] === 'source.kaoping';
    else if (ANYWHERE[group]) ok = scopes.some((s) => ANYWHERE[group].test(s));
    else if (SCOPE[group]) ok = SCOPE[group].test(inner);
    else {
      errors.push(`bad case: unknown group ${group}`);
      continue;
    }
    checked++;
    if (!ok)
      errors.push(`${file}:${ln + 1}:${col + 1}: "${needle}" in "${ctx}": got ${scopes.join(' ')}, want ${group}`);
  }
  for (const e of errors) console.log(e);
  console.log(`textmate grammar: ${checked} checks, ${errors.length} failures`);
  process.exitCode = errors.length || !checked ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
