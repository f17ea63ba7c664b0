// The browser client's page, served by driver.mjs from its own origin (127.0.0.1, another port
// than the conformance server's). It imports the package exactly as shipped, plain ES modules
// from /pkg/ (generated/typescript, no bundler), and the TypeScript client's `runVectors` and
// `runChecks` (/client.mjs), runs them through the browser's `fetch` against the server given
// in `?api=`, and POSTs every line to /report, then /done. A failure of the page itself is
// reported as a `fatal` line.

const CLIENT = "typescript-browser";
const params = new URLSearchParams(location.search);

async function report(line) {
  await fetch("/report", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client: CLIENT, ...line }),
  });
}

async function fatal(error) {
  document.getElementById("status").textContent = "failed";
  await report({ fatal: String(error?.stack ?? error) });
  await fetch("/done", { method: "POST" });
}

addEventListener("error", (event) => void fatal(event.error ?? event.message));
addEventListener("unhandledrejection", (event) => void fatal(event.reason));

async function main() {
  const pkg = await import("/pkg/index.js");
  const { runChecks, runVectors } = await import("/client.mjs");
  const document_ = await (await fetch("/vectors.json")).json();
  const baseUrl = params.get("api");
  const session = `browser-${Date.now()}`;
  await runVectors({ pkg, document: document_, baseUrl, session, print: report });
  await runChecks({
    pkg,
    baseUrl,
    session,
    closedUrl: params.get("closed"),
    corsRefusedUrl: params.get("refusing"),
    print: report,
  });
  document.getElementById("status").textContent = "done";
  await fetch("/done", { method: "POST" });
}

main().catch(fatal);
