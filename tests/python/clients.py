"""The three ways the tests call the server: requests, httpx and httpx's async client."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import requests

TIMEOUT = 5.0
KINDS = ["requests", "httpx", "httpx_async"]


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
