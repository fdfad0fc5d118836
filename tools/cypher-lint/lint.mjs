// Lints Cypher statements with Neo4j's own parser and semantic analysis (@neo4j-cypher/language-support).
//
// stdin:  a JSON array [{ "name": "...", "text": "MATCH ...", "parameters": ["id", ...] }, ...]
// stdout: a JSON array [{ "name": "...", "errors": [{ "message", "line", "column" }], "warnings": [...] }, ...],
//         in input order; line and column are 1-based.
// exit:   0 when it ran (errors in statements are data, not exit codes); 2 for bad input; 1 when it cannot run
//         (e.g. the library is not installed), with the reason on stderr.
//
// Each statement is linted as Cypher 5 (what a Neo4j server runs a statement without a CYPHER prefix as), with:
// - its declared parameters, so that a $parameter used but not declared is an error;
// - Neo4j's built-in functions and procedures (the catalogue of a Neo4j 5 server that the library ships), so that
//   an unknown or misspelt function or procedure is an error (APOC and GDS are not assumed to be installed);
// - no labels, relationship types or property keys, so that those are never reported as missing.
// A text must hold exactly one statement: a driver runs one statement per call.
import process from 'node:process';

const DEFAULT_CYPHER_VERSION = 'CYPHER 5';

function fail(code, message) {
  process.stderr.write(`cypher-lint: ${message}\n`);
  process.exit(code);
}

let library;
try {
  library = await import('@neo4j-cypher/language-support');
} catch (error) {
  fail(1, `cannot load @neo4j-cypher/language-support (${error?.message ?? error}). ` +
    'Install it with: npm ci --prefix tools/cypher-lint --no-audit --no-fund');
}
const { lintCypherQuery, parseStatementsStrs, testData } = library;
if (typeof lintCypherQuery !== 'function' || typeof parseStatementsStrs !== 'function') {
  fail(1, '@neo4j-cypher/language-support does not export lintCypherQuery and parseStatementsStrs: wrong version?');
}

/** Neo4j's built-in functions and procedures for each Cypher version, from the server catalogue the library ships. */
function builtInCatalogue() {
  const schema = testData?.mockSchema;
  if (!schema?.functions?.[DEFAULT_CYPHER_VERSION] || !schema?.procedures?.[DEFAULT_CYPHER_VERSION]) {
    fail(1, 'the library no longer ships its Neo4j function catalogue (testData.mockSchema): wrong version?');
  }
  const pick = (registry, keep) => Object.fromEntries(Object.entries(registry).filter(([name, item]) => keep(name, item)));
  const plugin = (name) => /^(apoc|gds)\./i.test(name);
  const functions = {};
  const procedures = {};
  for (const version of Object.keys(schema.functions)) {
    functions[version] = pick(schema.functions[version], (name, fn) => fn.isBuiltIn === true && !plugin(name));
  }
  for (const version of Object.keys(schema.procedures)) {
    procedures[version] = pick(schema.procedures[version], (name) => !plugin(name));
  }
  return { functions, procedures };
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function parseInput(raw) {
  let input;
  try {
    input = JSON.parse(raw);
  } catch (error) {
    fail(2, `stdin is not JSON: ${error.message}`);
  }
  if (!Array.isArray(input)) fail(2, 'stdin must be a JSON array of { name, text, parameters }');
  input.forEach((item, index) => {
    const where = `item ${index}`;
    if (item === null || typeof item !== 'object') fail(2, `${where} is not an object`);
    if (typeof item.name !== 'string') fail(2, `${where}: "name" must be a string`);
    if (typeof item.text !== 'string') fail(2, `${where} (${item.name}): "text" must be a string`);
    const parameters = item.parameters ?? [];
    if (!Array.isArray(parameters) || parameters.some((p) => typeof p !== 'string')) {
      fail(2, `${where} (${item.name}): "parameters" must be an array of strings`);
    }
  });
  return input;
}

function toFinding(diagnostic) {
  return {
    message: diagnostic.message,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
  };
}

function lintOne({ name, text, parameters = [] }, catalogue) {
  const errors = [];
  const warnings = [];
  const statements = parseStatementsStrs(text).filter((s) => s.trim().length > 0);
  if (statements.length !== 1) {
    errors.push({
      message: statements.length === 0
        ? 'The text holds no statement.'
        : `The text holds ${statements.length} statements; a driver runs one statement per call.`,
      line: 1,
      column: 1,
    });
  }
  const dbSchema = {
    // Only presence matters to the linter ("Parameter $x is not defined." when absent); null stands for any value.
    parameters: Object.fromEntries(parameters.map((p) => [p, null])),
    functions: catalogue.functions,
    procedures: catalogue.procedures,
    defaultLanguage: DEFAULT_CYPHER_VERSION,
  };
  const { diagnostics } = lintCypherQuery(text, dbSchema, { consoleCommandsEnabled: false });
  for (const diagnostic of diagnostics) {
    // LSP severities: 1 error, 2 warning, 3 information, 4 hint.
    (diagnostic.severity === 1 ? errors : warnings).push(toFinding(diagnostic));
  }
  return { name, errors, warnings };
}

try {
  const input = parseInput(await readStdin());
  const catalogue = builtInCatalogue();
  const results = input.map((item) => lintOne(item, catalogue));
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
} catch (error) {
  fail(1, `failed: ${error?.stack ?? error}`);
}
