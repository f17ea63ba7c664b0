"""The Python conformance client: asks the conformance server for every vector through one
real HTTP stack and prints the decision of the generated package, one JSON line per vector,
then runs the retry scenarios.

    python client.py --stack requests|httpx|httpx-async|httpx-stream|aiohttp \\
        --base-url http://127.0.0.1:PORT --vectors target/conformance/vectors.json

``--vectors`` is the expanded file (generated/conformance/vectors.json with every per-code row
written out), which ``cargo xtask test`` writes before it runs the clients.

Each stack turns responses into errors the way a user of that library would:

- ``requests``: a session whose response hook is ``raise_for_error``;
- ``httpx``: a ``Client`` whose response event hook is ``raise_for_error`` (the body is not
  read yet when the hook runs);
- ``httpx-stream``: ``Client.stream(...)`` and ``raise_for_error`` on the unread response;
- ``httpx-async``: an ``AsyncClient`` whose response event hook is ``raise_for_error_async``;
- ``aiohttp``: a ``ClientSession(raise_for_status=raise_for_error_async)``.

A response below 400 raises nothing: its decision is ``error_from_response`` of it (or
``error_from_response_async``). The retry scenarios call ``with_retry`` (``with_retry_async``
for the async stacks) with ``max_attempts=3``. Every request has a timeout; the client
exits 1 when a vector or scenario failed to run (the line then has ``"error"``).

Run it with the Python of ``target/python-venv``, where ``cargo xtask test`` installs the
package and the HTTP libraries. The package's import name comes from the vectors' catalog
name (``--package`` overrides it).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import Any
from urllib.parse import quote

TIMEOUT = 10.0
"""Seconds any one request may take."""

MAX_ATTEMPTS = 3
SCENARIOS = ("recover", "never", "fatal")
STACKS = ("requests", "httpx", "httpx-async", "httpx-stream", "aiohttp")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stack", required=True, choices=STACKS)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--vectors", required=True)
    parser.add_argument("--package", help="the import name of the generated package")
    args = parser.parse_args()
    with open(args.vectors, encoding="utf-8") as file:
        vectors = json.load(file)
    name = args.package or vectors["catalog"]["name"].replace("-", "_")
    client = Client(
        importlib.import_module(name), args.stack, args.base_url.rstrip("/")
    )
    names = [vector["name"] for vector in vectors["vectors"]]
    if args.stack in ("httpx-async", "aiohttp"):
        ok = asyncio.run(client.run_async(names))
    else:
        ok = client.run(names)
    return 0 if ok else 1


class Client:
    def __init__(self, pkg: ModuleType, stack: str, base_url: str) -> None:
        self.pkg = pkg
        self.stack = stack
        self.base_url = base_url
        self.label = f"python-{stack}"
        self.session = f"{self.label}-{os.getpid()}-{time.time_ns()}"
        self.ok = True

    def emit(self, line: dict[str, Any]) -> None:
        if "error" in line:
            self.ok = False
        print(json.dumps({"client": self.label, **line}), flush=True)

    def vector_url(self, name: str) -> str:
        return f"{self.base_url}/vectors/{quote(name, safe='/')}"

    def scenario_url(self, scenario: str) -> str:
        return f"{self.base_url}/retry/{scenario}/{self.session}"

    def log_url(self, scenario: str) -> str:
        return f"{self.base_url}/retry-log/{scenario}/{self.session}"

    # --- the sync stacks -------------------------------------------------------------------

    def run(self, names: list[str]) -> bool:
        get = self.sync_stack()
        for name in names:
            try:
                error = get(self.vector_url(name))
            except Exception as failure:
                self.emit({"vector": name, "error": describe(failure)})
                continue
            self.emit({"vector": name, "decision": decision(error)})
        with ThreadPoolExecutor(len(SCENARIOS)) as pool:
            lines = list(pool.map(lambda s: self.scenario(get, s), SCENARIOS))
        for line in lines:
            self.emit(line)
        return self.ok

    def sync_stack(self) -> Callable[[str], Any]:
        """A function that GETs a URL: it returns the ``ApiError`` the stack raised, or for a
        status below 400 ``error_from_response`` of the response, with ``.status`` set."""
        pkg = self.pkg
        if self.stack == "requests":
            import requests

            session = requests.Session()
            session.hooks["response"].append(pkg.raise_for_error)

            def get_requests(url: str) -> Any:
                try:
                    response = session.get(url, timeout=TIMEOUT)
                except pkg.ApiError as error:
                    return error
                return below_400(pkg.error_from_response(response))

            return get_requests
        import httpx

        if self.stack == "httpx":
            hooked = httpx.Client(
                timeout=TIMEOUT, event_hooks={"response": [pkg.raise_for_error]}
            )

            def get_httpx(url: str) -> Any:
                try:
                    response = hooked.get(url)
                except pkg.ApiError as error:
                    return error
                return below_400(pkg.error_from_response(response))

            return get_httpx
        plain = httpx.Client(timeout=TIMEOUT)

        def get_httpx_stream(url: str) -> Any:
            with plain.stream("GET", url) as response:
                try:
                    pkg.raise_for_error(response)
                except pkg.ApiError as error:
                    return error
                return below_400(pkg.error_from_response(response))

        return get_httpx_stream

    def scenario(self, get: Callable[[str], Any], scenario: str) -> dict[str, Any]:
        url = self.scenario_url(scenario)

        def attempt() -> None:
            error = get(url)
            if error.status >= 400:
                raise error

        start = time.monotonic()
        try:
            self.pkg.with_retry(attempt, max_attempts=MAX_ATTEMPTS)
            outcome = "ok"
        except self.pkg.ApiError:
            outcome = "error"
        except Exception as failure:
            return {"scenario": scenario, "error": describe(failure)}
        elapsed_ms = round((time.monotonic() - start) * 1000)
        import httpx

        calls = httpx.get(self.log_url(scenario), timeout=TIMEOUT).json()["calls"]
        return scenario_line(scenario, calls, elapsed_ms, outcome)

    # --- the async stacks ------------------------------------------------------------------

    async def run_async(self, names: list[str]) -> bool:
        pkg = self.pkg
        if self.stack == "httpx-async":
            import httpx

            async with httpx.AsyncClient(
                timeout=TIMEOUT, event_hooks={"response": [pkg.raise_for_error_async]}
            ) as client:

                async def get_httpx(url: str) -> Any:
                    try:
                        response = await client.get(url)
                    except pkg.ApiError as error:
                        return error
                    return below_400(await pkg.error_from_response_async(response))

                await self.run_with(get_httpx, names)
        else:
            import aiohttp

            async with aiohttp.ClientSession(
                raise_for_status=pkg.raise_for_error_async,
                timeout=aiohttp.ClientTimeout(total=TIMEOUT),
            ) as session:

                async def get_aiohttp(url: str) -> Any:
                    try:
                        async with session.get(url) as response:
                            error = await pkg.error_from_response_async(response)
                            return below_400(error)
                    except pkg.ApiError as error:
                        return error

                await self.run_with(get_aiohttp, names)
        return self.ok

    async def run_with(
        self, get: Callable[[str], Awaitable[Any]], names: list[str]
    ) -> None:
        for name in names:
            try:
                error = await get(self.vector_url(name))
            except Exception as failure:
                self.emit({"vector": name, "error": describe(failure)})
                continue
            self.emit({"vector": name, "decision": decision(error)})
        lines = await asyncio.gather(*(self.scenario_async(get, s) for s in SCENARIOS))
        for line in lines:
            self.emit(line)

    async def scenario_async(
        self, get: Callable[[str], Awaitable[Any]], scenario: str
    ) -> dict[str, Any]:
        url = self.scenario_url(scenario)

        async def attempt() -> None:
            error = await get(url)
            if error.status >= 400:
                raise error

        start = time.monotonic()
        try:
            await self.pkg.with_retry_async(attempt, max_attempts=MAX_ATTEMPTS)
            outcome = "ok"
        except self.pkg.ApiError:
            outcome = "error"
        except Exception as failure:
            return {"scenario": scenario, "error": describe(failure)}
        elapsed_ms = round((time.monotonic() - start) * 1000)
        import httpx

        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            calls = (await client.get(self.log_url(scenario))).json()["calls"]
        return scenario_line(scenario, calls, elapsed_ms, outcome)


def below_400(error: Any) -> Any:
    """The decision for a response the stack did not raise for, which must be below 400."""
    if error.status >= 400:
        raise RuntimeError(f"status {error.status} was not raised by the stack's hook")
    return error


def decision(error: Any) -> dict[str, Any]:
    """What the package concluded, in the members of the vectors' ``expected``."""
    cls = type(error)
    # The family class (or APIError) is the first class up the hierarchy with no code. The
    # vectors name the base class as the Rust and TypeScript packages do: ApiError.
    family = next(c for c in cls.__mro__ if getattr(c, "error_code", 0) is None)
    family_name = "ApiError" if family.__name__ == "APIError" else family.__name__
    details = error.details
    return {
        "family_class": family_name,
        "own_class": cls.error_code is not None,
        "code": None if error.code is None else error.code.value,
        "raw_code": error.raw_code,
        "message": error.message,
        "request_id": error.request_id,
        "timestamp": error.timestamp,
        "details": None
        if details is None
        else {"field": details.field, "issue": details.issue},
        "retryable": error.retryable,
        "retry_after_ms": None
        if error.retry_after is None
        else round(error.retry_after * 1000),
        "body_truncated": error.body_truncated,
    }


def scenario_line(
    scenario: str, calls: int, elapsed_ms: int, outcome: str
) -> dict[str, Any]:
    return {
        "scenario": scenario,
        "calls": calls,
        "elapsed_ms": elapsed_ms,
        "outcome": outcome,
    }


def describe(failure: BaseException) -> str:
    return f"{type(failure).__name__}: {failure}"


if __name__ == "__main__":
    sys.exit(main())
