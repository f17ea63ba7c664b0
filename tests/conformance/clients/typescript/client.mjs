// The TypeScript conformance client: Node 20's own `fetch` against the conformance server on
// 127.0.0.1, and the generated package as shipped (imported from `--package DIR`).
//
//   node client.mjs --base-url http://127.0.0.1:PORT --vectors generated/conformance/vectors.json \
//     --package generated/typescript
//
// For every vector: one GET of /vectors/<name>, `errorFromResponse`, and one JSON line with the
// decision. Then the retry scenarios, `withRetry` with at most 3 attempts, one line each with the
// calls the server counted and the time taken. The harness (`cargo xtask test`, conformance
// step) compares the lines with the vectors' expectations; `decisionOf` is also what the package's
// node tests compare `errorFromParts` with, vector by vector, without a server.

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** The name of this client in the harness's reports. */
export const CLIENT = "typescript-fetch";

/** The longest any one request may take, so that a stuck server cannot hang the run. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The retry scenarios of the server, each run with at most this many attempts. */
const SCENARIOS = ["recover", "never", "fatal"];
const MAX_ATTEMPTS = 3;

/**
 * The decision an `ApiError` of the package stands for, in the vectors' terms.
 *
 * @param {Record<string, any>} pkg The package's index module.
 * @param {any} error An `ApiError`.
 */
export function decisionOf(pkg, error) {
  const { code, details } = error;
  return {
    family_class: error.constructor.name,
    own_class: code !== null && pkg.ERROR_CODE_INFO[code].status === error.status,
    code,
    raw_code: error.rawCode,
    message: error.message,
    request_id: error.requestId,
    timestamp: error.timestamp,
    details:
      details === null ? null : { field: details.field ?? null, issue: details.issue ?? null },
    retryable: error.retryable,
    retry_after_ms: error.retryAfterMs,
  };
}

/** `--name value` arguments. */
function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (!name?.startsWith("--") || value === undefined) {
      throw new Error(`usage: client.mjs --base-url URL --vectors PATH --package DIR (at ${name})`);
    }
    args[name.slice(2)] = value;
  }
  for (const required of ["base-url", "vectors", "package"]) {
    if (args[required] === undefined) {
      throw new Error(`client.mjs: --${required} is required`);
    }
  }
  return args;
}

function print(line) {
  process.stdout.write(`${JSON.stringify({ client: CLIENT, ...line })}\n`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const baseUrl = args["base-url"].replace(/\/$/, "");
  const { vectors } = JSON.parse(readFileSync(args.vectors, "utf8"));
  const pkg = await import(pathToFileURL(join(resolve(args.package), "index.js")).href);
  const get = (path) =>
    fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

  for (const vector of vectors) {
    try {
      const response = await get(`/vectors/${vector.name}`);
      const error = await pkg.errorFromResponse(response);
      print({ vector: vector.name, decision: decisionOf(pkg, error) });
    } catch (failure) {
      print({ vector: vector.name, failure: String(failure) });
    }
  }

  const session = `ts-${process.pid}-${Date.now()}`;
  for (const scenario of SCENARIOS) {
    const started = performance.now();
    let outcome = "ok";
    try {
      await pkg.withRetry(
        async () => {
          const response = await get(`/retry/${scenario}/${session}`);
          if (!response.ok) {
            throw await pkg.errorFromResponse(response);
          }
          return response.json();
        },
        { maxAttempts: MAX_ATTEMPTS },
      );
    } catch {
      outcome = "error";
    }
    const elapsedMs = Math.round(performance.now() - started);
    const { calls } = await (await get(`/retry-log/${scenario}/${session}`)).json();
    print({ scenario, calls, elapsed_ms: elapsedMs, outcome });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    process.stderr.write(`client.mjs: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
