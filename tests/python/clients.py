"""How the tests call the server: `fetch` returns a read response (requests, httpx, httpx's
async client); `error_for` turns a failed response into the package's error the way a user of
each HTTP stack would, streaming and hooks included."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import httpx
import requests

from conftest import PACKAGE as pkg

TIMEOUT = 30.0
KINDS = ["requests", "httpx", "httpx_async"]

# Every way `error_for` reaches an error.
STACKS = [
    "requests",  # requests.get, then error_from_response
    "requests_hook",  # a Session whose response hook is raise_for_error
    "requests_stream",  # requests.get(stream=True), then raise_for_error
    "httpx_hook",  # httpx.Client(event_hooks=...): the body is unread in the hook
    "httpx_stream",  # httpx.Client.stream(...), then raise_for_error
    "httpx_async_hook",  # httpx.AsyncClient(event_hooks=...) with raise_for_error_async
    "httpx_async_stream",  # httpx.AsyncClient.stream(...), then raise_for_error_async
    "aiohttp",  # aiohttp: `async with session.get(...)`, then raise_for_error_async
    "aiohttp_hook",  # aiohttp.ClientSession(raise_for_status=raise_for_error_async)
]


def fetch(kind: str, url: str) -> Any:
    """One GET with the client `kind`; the response object that client returns."""
    if kind == "requests":
        return requests.get(url, timeout=TIMEOUT)
    if kind == "httpx":
        return httpx.get(url, timeout=TIMEOUT)
    if kind == "httpx_async":

        async def get() -> httpx.Response:
            async with httpx.AsyncClient(timeout=TIMEOUT) as client:
                return await client.get(url)

        return asyncio.run(get())
    raise ValueError(kind)


class NotRaised(AssertionError):
    """The stack gave no error for the response."""


def error_for(stack: str, url: str) -> pkg.APIError:
    """The error one GET of `url` gives through `stack` (see STACKS); NotRaised if none."""
    if stack.startswith(("httpx_async", "aiohttp")):
        return asyncio.run(_error_for_async(stack, url))
    try:
        if stack == "requests":
            return pkg.error_from_response(requests.get(url, timeout=TIMEOUT))
        if stack == "requests_hook":
            with requests.Session() as session:
                session.hooks["response"].append(pkg.raise_for_error)
                session.get(url, timeout=TIMEOUT)
        elif stack == "requests_stream":
            with requests.get(url, timeout=TIMEOUT, stream=True) as response:
                pkg.raise_for_error(response)
        elif stack == "httpx_hook":
            hooks = {"response": [pkg.raise_for_error]}
            with httpx.Client(timeout=TIMEOUT, event_hooks=hooks) as client:
                client.get(url)
        elif stack == "httpx_stream":
            with httpx.Client(timeout=TIMEOUT) as client:
                with client.stream("GET", url) as streamed:
                    pkg.raise_for_error(streamed)
        else:
            raise ValueError(stack)
    except pkg.APIError as error:
        return error
    raise NotRaised(stack)


async def _error_for_async(stack: str, url: str) -> pkg.APIError:
    try:
        if stack == "httpx_async_hook":
            hooks = {"response": [pkg.raise_for_error_async]}
            async with httpx.AsyncClient(timeout=TIMEOUT, event_hooks=hooks) as client:
                await client.get(url)
        elif stack == "httpx_async_stream":
            async with httpx.AsyncClient(timeout=TIMEOUT) as client:
                async with client.stream("GET", url) as response:
                    await pkg.raise_for_error_async(response)
        elif stack == "aiohttp":
            timeout = aiohttp.ClientTimeout(total=TIMEOUT)
            async with aiohttp.ClientSession(timeout=timeout) as session:
                async with session.get(url) as got:
                    await pkg.raise_for_error_async(got)
        elif stack == "aiohttp_hook":
            async with aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=TIMEOUT),
                raise_for_status=pkg.raise_for_error_async,
            ) as session:
                async with session.get(url):
                    pass
        else:
            raise ValueError(stack)
    except pkg.APIError as error:
        return error
    raise NotRaised(stack)
