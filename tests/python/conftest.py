"""Shared fixtures: the catalog read with tomllib (independent of the generator) and a real
HTTP server on 127.0.0.1 that answers with every code, malformed bodies and Retry-After.

`cargo xtask test` sets CATALOG_TOML, README_FILE, DOCS_FILE, MYPY_CACHE, CONSUMER_DIR,
EXAMPLE_FILE and FIXTURE_PACKAGES; run from the repository, the defaults point at its files
(and mypy gets a cache in a temporary directory).
"""

from __future__ import annotations

import builtins
import importlib
import json
import os
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]

REQUEST_ID = "req_test_1"
TIMESTAMP = "2024-01-01T00:00:00Z"


def catalog_path() -> Path:
    return Path(os.environ.get("CATALOG_TOML", ROOT / "catalog.toml"))


def load_catalog(path: Path) -> dict[str, Any]:
    with path.open("rb") as file:
        return tomllib.load(file)


def __getattr__(name: str) -> Any:
    """``PACKAGE``, the package under test, generated from the catalog: its import name is
    `[catalog] name` with `_` for `-`, so the tests hold whatever the catalog calls it. Imported
    when a test module first asks for it (the runs on sample catalogs never do)."""
    if name != "PACKAGE":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    catalog = load_catalog(catalog_path())
    return importlib.import_module(str(catalog["catalog"]["name"]).replace("-", "_"))


def default_retryable(status: int) -> bool:
    """The README's default for a status the catalog says nothing about: 429 and 5xx."""
    return status == 429 or 500 <= status <= 599


def status_retryable(catalog: dict[str, Any], status: int) -> bool:
    """Whether an error with this status and no known code is retryable: the status table's
    setting, else the default."""
    entry = catalog["statuses"].get(str(status), {})
    if "retryable" in entry:
        return bool(entry["retryable"])
    return default_retryable(status)


def expected_retryable(catalog: dict[str, Any], code: dict[str, Any]) -> bool:
    """The catalog's rule, written again from the README: the code's own setting, else its
    status's, else true for 429 and 5xx."""
    if "retryable" in code:
        return bool(code["retryable"])
    return status_retryable(catalog, int(code["status"]))


def status_message(catalog: dict[str, Any], status: int) -> str:
    """The message of an error with this status and no message: the status's title, else
    ``HTTP status <status>``."""
    entry = catalog["statuses"].get(str(status))
    return f"HTTP status {status}" if entry is None else str(entry["title"])


def unknown_code(catalog: dict[str, Any]) -> str:
    """A well-formed code the catalog does not have, as a newer server might send."""
    name = "BRAND_NEW_CODE"
    while name in catalog["codes"]:
        name += "_2"
    return name


def pick(catalog: dict[str, Any], why: str, predicate: Any) -> str:
    """The first code of the catalog for which ``predicate(name, entry)`` holds; the test is
    skipped when there is none (it checks something this catalog cannot show)."""
    for name, entry in catalog["codes"].items():
        if predicate(name, entry):
            return str(name)
    pytest.skip(f"the catalog has no code {why}")


@pytest.fixture(scope="session")
def retryable_code(catalog: dict[str, Any]) -> str:
    """A code the catalog marks retryable."""
    return pick(
        catalog, "marked retryable", lambda _, e: expected_retryable(catalog, e)
    )


@pytest.fixture(scope="session")
def family_code(catalog: dict[str, Any]) -> str:
    """A code not retryable whose status has a family class (`PermissionDeniedError`-style),
    other than RateLimitError (which catches before it in examples)."""
    return pick(
        catalog,
        "with a family class that is not retryable",
        lambda _, e: family_name(e["status"]) not in ("APIError", "RateLimitError")
        and not expected_retryable(catalog, e),
    )


# The family class by status, from the README (any 5xx is a ServerError; any other status
# without a family is a plain APIError).
FAMILIES = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
}


def family_name(status: int) -> str:
    """The name of the family class of a status."""
    if 500 <= status <= 599:
        return "ServerError"
    return FAMILIES.get(status, "APIError")


def camel(code: str) -> str:
    return "".join(word.capitalize() for word in code.split("_"))


def class_name(code: str) -> str:
    """The exception class of a code, by the README's rule written again: the UpperCamel code
    without a trailing `Error`, then `Error`; or then `CodeError` when that is a family class,
    `APIError` (or its alias `ApiError`) or a built-in exception."""
    stem = camel(code)
    if stem.endswith("Error") and stem != "Error":
        stem = stem[: -len("Error")]
    name = f"{stem}Error"
    builtin = getattr(builtins, name, None)
    # Built-in exceptions of Python versions after the one running the tests (3.13 added
    # PythonFinalizationError): the package supports them too.
    newer = name in {"PythonFinalizationError"}
    taken = (
        newer
        or name in ("APIError", "ApiError", "ServerError")
        or name in FAMILIES.values()
    )
    if taken or (isinstance(builtin, type) and issubclass(builtin, BaseException)):
        return f"{stem}CodeError"
    return name


@pytest.fixture(scope="session")
def catalog() -> dict[str, Any]:
    return load_catalog(catalog_path())


@dataclass
class Server:
    url: str
    counts: dict[str, int]
    lock: threading.Lock

    def count(self, key: str) -> int:
        with self.lock:
            return self.counts.get(key, 0)


# Bodies that are not the envelope, by name: (status, content type, body bytes).
MALFORMED: dict[str, tuple[int, str, bytes]] = {
    "html": (502, "text/html", b"<html><body><h1>502 Bad Gateway</h1></body></html>"),
    "empty": (500, "application/json", b""),
    "truncated": (
        400,
        "application/json",
        b'{"success": false, "error": {"code": "INVA',
    ),
    "array": (400, "application/json", b'[{"error": {"code": "INVALID_REQUEST"}}]'),
    "missing_fields": (404, "application/json", b'{"success": false}'),
    "wrong_types": (
        429,
        "application/json",
        b'{"error": {"code": 42, "message": ["x"], "details": "field"}, "meta": []}',
    ),
    # The code is one the catalog lacks: see `unknown_code`.
    "unknown_code": (
        400,
        "application/json",
        b'{"success": false, "error": {"code": "%s", "message": "New"}}',
    ),
    "non_utf8": (503, "text/plain", b"\xff\xfe\x80 not utf-8 \xc3\x28"),
    "error_string": (401, "application/json", b'{"error": "Unauthorized"}'),
    "deep": (400, "application/json", b"[" * 100_000),
    "null": (500, "application/json", b"null"),
}


def make_handler(
    catalog: dict[str, Any], server: Server
) -> type[BaseHTTPRequestHandler]:
    codes = catalog["codes"]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def send(
            self, status: int, body: bytes, content_type: str, headers: dict[str, str]
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            segments = parts.path.strip("/").split("/")
            headers = {}
            if "retry_after" in query:
                headers["Retry-After"] = query["retry_after"]
            if segments[0] == "code":
                # /code/NAME: the envelope of a catalog code, with its catalog status.
                name = segments[1]
                status = int(query.get("status", codes[name]["status"]))
                body = envelope(
                    name, "server message", {"field": "f", "issue": "bad f"}
                )
                self.send(status, body, "application/json", headers)
            elif segments[0] == "malformed":
                status, content_type, body = MALFORMED[segments[1]]
                if segments[1] == "unknown_code":
                    body = body % unknown_code(catalog).encode()
                self.send(status, body, content_type, headers)
            elif segments[0] == "respond":
                # /respond?status=S&body=TEXT&header=Name:%20value&size=N: any response;
                # `size` repeats `body` up to N bytes.
                raw = parse_qs(parts.query, keep_blank_values=True)
                body = query.get("body", "").encode()
                if "size" in query:
                    size = int(query["size"])
                    body = (body * (size // max(len(body), 1) + 1))[:size]
                extra = dict(h.split(": ", 1) for h in raw.get("header", []))
                status = int(query["status"])
                self.send(status, body, "application/json", {**headers, **extra})
            elif segments[0] == "flaky":
                # /flaky/KEY?fail=N&status=S&code=C: N failures, then 200.
                key = segments[1]
                with server.lock:
                    server.counts[key] = server.counts.get(key, 0) + 1
                    count = server.counts[key]
                if count <= int(query.get("fail", "0")):
                    code = query.get("code", "")
                    body = envelope(code, "try later", None) if code else b""
                    self.send(int(query["status"]), body, "application/json", headers)
                else:
                    self.send(200, b'{"ok": true}', "application/json", {})
            else:
                self.send(404, b"no route", "text/plain", {})

    return Handler


def envelope(code: str, message: str, details: dict[str, str] | None) -> bytes:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return json.dumps(
        {
            "success": False,
            "error": error,
            "meta": {"request_id": REQUEST_ID, "timestamp": TIMESTAMP},
        }
    ).encode()


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """Silent: a client that stops reading a long body closes the connection early."""


@pytest.fixture(scope="session")
def server(catalog: dict[str, Any]) -> Iterator[Server]:
    state = Server(url="", counts={}, lock=threading.Lock())
    httpd = QuietServer(("127.0.0.1", 0), make_handler(catalog, state))
    httpd.daemon_threads = True
    port = httpd.server_address[1]
    state.url = f"http://127.0.0.1:{port}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}
    )
    thread.daemon = True
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
