// GoRules Zen (@gorules/zen-engine, a Rust engine, through node): the
// bench's peer "zen".
//
//   node zen.js STD.jdm.json UNITS.jsonl [WINDOW]
//
// Streams the JSON Lines, parses each unit with JSON.parse, and evaluates
// its facts (plus its kind) with the generated decision. Evaluations are
// asynchronous and run in Zen's own threads: up to WINDOW (default 64) are
// in flight at once, which is how a node service would drive it and is
// Zen's fastest configuration here; results are printed in input order as
// "name<TAB>total<TAB>grade<TAB>pass|fail".
'use strict';
const fs = require('fs');
const readline = require('readline');
const { ZenEngine } = require('@gorules/zen-engine');

async function main() {
  const [jdmPath, unitsPath, windowArg] = process.argv.slice(2);
  if (!unitsPath) {
    process.stderr.write('usage: node zen.js STD.jdm.json UNITS.jsonl [WINDOW]\n');
    process.exit(2);
  }
  const window = Number(windowArg || 64);
  const engine = new ZenEngine();
  const decision = engine.createDecision(fs.readFileSync(jdmPath));
  const rl = readline.createInterface({ input: fs.createReadStream(unitsPath), crlfDelay: Infinity });
  const out = [];
  let buffered = 0;
  const flush = (force) => {
    if (buffered > 0 && (force || buffered >= 256)) {
      process.stdout.write(out.join(''));
      out.length = 0;
      buffered = 0;
    }
  };
  const pending = [];
  const emit = async () => {
    const [name, promise] = pending.shift();
    const r = (await promise).result;
    const t = Number(r.total);
    out.push(`${name}\t${Math.floor(t / 10)}.${t % 10}\t${r.grade}\t${r.pass ? 'pass' : 'fail'}\n`);
    buffered++;
    flush(false);
  };
  for await (const line of rl) {
    if (!line) continue;
    const u = JSON.parse(line);
    const ctx = u.facts || {};
    ctx.kind = u.kind;
    pending.push([u.name, decision.evaluate(ctx)]);
    if (pending.length >= window) await emit();
  }
  while (pending.length) await emit();
  flush(true);
  engine.dispose();
}

main().catch((e) => {
  process.stderr.write(`zen.js: ${e && e.message ? e.message : e}\n`);
  process.exit(2);
});
