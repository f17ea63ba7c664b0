"""Every conformance vector (generated/conformance/vectors.json, expanded by `cargo xtask test`
into target/conformance/vectors.json, the file VECTORS_FILE names: the decisions every package
must make) through error_from_response and error_from_response_async directly, with no
server: a duck-typed response per vector. The harness of `cargo xtask test` runs the same
vectors over real HTTP stacks against the Rust server (tests/conformance/clients/python)."""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import PACKAGE as pkg
from conftest import ROOT, catalog_path, load_catalog


def vectors_path() -> Path:
    default = ROOT / "target" / "conformance" / "vectors.json"
    return Path(os.environ.get("VECTORS_FILE", default))


@pytest.fixture(scope="module")
def vectors() -> dict[str, Any]:
    with vectors_path().open(encoding="utf-8") as file:
        loaded: dict[str, Any] = json.load(file)
    return loaded


def http_date(form: str, when: float) -> str:
    """`when` in one of the three HTTP-date forms of RFC 9110, section 5.6.7."""
    t = time.gmtime(when)
    day, month = time.strftime("%A", t), time.strftime("%b", t)
    clock = time.strftime("%H:%M:%S", t)
    if form == "imf":
        return f"{day[:3]}, {t.tm_mday:02d} {month} {t.tm_year} {clock} GMT"
    if form == "rfc850":
        return f"{day}, {t.tm_mday:02d}-{month}-{t.tm_year % 100:02d} {clock} GMT"
    if form == "asctime":
        return f"{day[:3]} {month} {t.tm_mday:2d} {clock} {t.tm_year}"
    raise ValueError(form)


class Headers:
    """Response headers as a multimap (name, value) list, as the server sends them."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def items(self) -> list[tuple[str, str]]:
        return list(self.pairs)


class VectorResponse:
    """A response with the vector's status, headers and body, read already."""

    def __init__(self, response: dict[str, Any]) -> None:
        self.status_code: int = response["status"]
        pairs = [(str(k), str(v)) for k, v in response.get("headers") or []]
        date = response.get("retry_after_date")
        if date is not None:
            when = time.time() + date["offset_seconds"]
            pairs.append(("Retry-After", http_date(date["form"], when)))
        self.headers = Headers(pairs)
        repeat = response.get("body_repeat")
        if repeat is not None:
            text = repeat.get("prefix", "") + repeat["text"] * repeat["times"]
            self.content = (text + repeat.get("suffix", "")).encode()
        else:
            self.content = (response.get("body") or "").encode()


def decision(error: pkg.APIError) -> dict[str, Any]:
    """The members of a vector's `expected`, as the error says them."""
    cls = type(error)
    family = next(c for c in cls.__mro__ if getattr(c, "error_code", 0) is None)
    details = error.details
    return {
        # The vectors name the base class as the Rust and TypeScript packages do.
        "family_class": "ApiError" if family is pkg.APIError else family.__name__,
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


def disagreements(vector: dict[str, Any], error: pkg.APIError) -> list[str]:
    expected = dict(vector["expected"])
    tolerance = expected.pop("retry_after_tolerance_ms", 0) or 0
    actual = decision(error)
    found = []
    for member, want in expected.items():
        if member not in actual:
            found.append(f"{vector['name']}: no member {member!r} in Python's decision")
            continue
        got = actual[member]
        if member == "retry_after_ms" and want is not None and got is not None:
            if abs(got - want) <= tolerance:
                continue
        if got != want:
            found.append(f"{vector['name']}: {member} expected {want!r}, got {got!r}")
    return found


def test_the_vectors_are_those_of_the_catalog(vectors: dict[str, Any]) -> None:
    catalog = load_catalog(catalog_path())
    assert vectors["catalog"]["name"] == catalog["catalog"]["name"]
    names = [vector["name"] for vector in vectors["vectors"]]
    assert len(names) == len(set(names))
    for code in catalog["codes"]:
        assert any(code in name for name in names), f"no vector for {code}"


def test_every_vector_gives_its_decision(vectors: dict[str, Any]) -> None:
    found: list[str] = []
    for vector in vectors["vectors"]:
        error = pkg.error_from_response(VectorResponse(vector["response"]))  # type: ignore[arg-type]
        found += disagreements(vector, error)
    assert not found, "\n".join(found)


def test_every_vector_gives_its_decision_through_the_async_path(
    vectors: dict[str, Any],
) -> None:
    async def decide(vector: dict[str, Any]) -> pkg.APIError:
        return await pkg.error_from_response_async(
            VectorResponse(vector["response"])  # type: ignore[arg-type]
        )

    found: list[str] = []
    for vector in vectors["vectors"]:
        found += disagreements(vector, asyncio.run(decide(vector)))
    assert not found, "\n".join(found)


def test_a_broken_parser_is_caught(
    vectors: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test of the test: a package that ignores Retry-After disagrees with a vector."""
    response = importlib.import_module(f"{pkg.__name__}.response")

    monkeypatch.setattr(response, "parse_retry_after", lambda value, now=None: None)
    found: list[str] = []
    for vector in vectors["vectors"]:
        error = pkg.error_from_response(VectorResponse(vector["response"]))  # type: ignore[arg-type]
        found += disagreements(vector, error)
    assert any("retry_after_ms expected" in line for line in found), found
