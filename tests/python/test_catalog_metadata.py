"""Every generated package (the catalog's, installed from its wheel, and those of the valid
fixture catalogs, from their sources) says what its catalog says, read independently with
tomllib: codes in order, metadata, classes and families, and docstrings, whatever characters
the strings hold (the escaping fixture above all)."""

from __future__ import annotations

import importlib
import inspect
import os
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import (
    catalog_path,
    class_name,
    expected_retryable,
    family_name,
    load_catalog,
    status_retryable,
)


def packages() -> list[tuple[Path, Path | None]]:
    """(catalog, source directory or None for the installed package)."""
    found: list[tuple[Path, Path | None]] = [(catalog_path(), None)]
    for entry in filter(None, os.environ.get("FIXTURE_PACKAGES", "").split(os.pathsep)):
        catalog, _, src = entry.partition("=")
        found.append((Path(catalog), Path(src)))
    return found


def load(catalog: dict[str, Any], src: Path | None) -> ModuleType:
    name = catalog["catalog"]["name"].replace("-", "_")
    if src is not None:
        sys.path.insert(0, str(src))
    try:
        module = importlib.import_module(name)
    finally:
        if src is not None:
            sys.path.remove(str(src))
    if src is not None:
        assert Path(module.__file__ or "").is_relative_to(src)
    return module


def replacement(pkg: ModuleType, code: str | None) -> Any:
    """The ``ErrorCode`` member a ``replaced_by`` names, or ``None``."""
    return None if code is None else pkg.ErrorCode(code)


def expected_deprecation(pkg: ModuleType, table: dict[str, Any] | None) -> Any:
    """A code's ``deprecated`` table as the package holds it, or ``None``."""
    if table is None:
        return None
    return pkg.Deprecation(
        since=table["since"],
        replaced_by=replacement(pkg, table.get("replaced_by")),
        note=table.get("note"),
    )


def first_line(doc: str | None) -> str:
    assert doc
    return doc.split("\n")[0]


@pytest.mark.parametrize(
    ("catalog_file", "src"), packages(), ids=[p[0].stem for p in packages()]
)
def test_package_matches_its_catalog(catalog_file: Path, src: Path | None) -> None:
    catalog = load_catalog(catalog_file)
    pkg = load(catalog, src)
    assert pkg.__version__ == catalog["catalog"]["version"]

    codes = catalog["codes"]
    assert [code.value for code in pkg.ErrorCode] == list(codes)
    assert [c.value for c in pkg.Category] == list(catalog["categories"])
    for category in pkg.Category:
        entry = catalog["categories"][category.value]
        assert category.info.title == entry["title"]
        assert category.info.description == entry["description"]

    for name, entry in codes.items():
        code = pkg.ErrorCode.parse(name)
        assert code is not None and code.value == name
        assert code.name == name
        info = pkg.CODES[code]
        assert info.code is code
        # Every other field of CodeInfo is an attribute of the code in the catalog, under the
        # same name, and ErrorCode has an accessor for it.
        fields = [name for name in info._fields if name != "code"]
        assert {"status", "category", "message", "description"} <= set(fields)
        for attribute in fields:
            value = getattr(info, attribute)
            assert getattr(code, attribute) == value, attribute
            if attribute == "retryable":
                assert value is expected_retryable(catalog, entry)
            elif attribute == "category":
                assert value is pkg.Category(entry["category"])
            elif attribute == "deprecated":
                assert value == expected_deprecation(pkg, entry.get("deprecated")), name
            else:
                assert value == entry.get(attribute), attribute

        cls = pkg.ERROR_CLASSES[code]
        assert cls.__name__ == class_name(name)
        assert cls.error_code is code
        assert cls.__mro__[1].__name__ == family_name(entry["status"])
        assert getattr(pkg, cls.__name__) is cls
        # The docstring reads as the message, whatever it holds.
        assert first_line(cls.__doc__) == entry["message"].rstrip()
        assert entry["description"].strip().split("\n")[0].rstrip() in (
            cls.__doc__ or ""
        )
        error = cls()
        assert (error.code, error.status, error.message) == (
            code,
            info.status,
            info.message,
        )

    retired = catalog.get("retired", {})
    assert list(pkg.RETIRED_CODES) == list(retired)
    for name, entry in retired.items():
        record = pkg.retired_code(name)
        assert record == pkg.RetiredCode(
            code=name,
            since=entry["since"],
            status=entry["status"],
            replaced_by=replacement(pkg, entry.get("replaced_by")),
            note=entry["note"],
        )
        # Not a code of this version: parsing gives the unknown-code path.
        assert pkg.ErrorCode.parse(name) is None
    for code in pkg.ErrorCode:
        assert pkg.retired_code(code.value) is None

    for status, entry in catalog["statuses"].items():
        row = pkg.STATUSES[int(status)]
        assert row.title == entry["title"]
        assert row.retryable is status_retryable(catalog, int(status))


@pytest.mark.parametrize(
    ("catalog_file", "src"), packages(), ids=[p[0].stem for p in packages()]
)
def test_every_public_name_is_exported_and_documented(
    catalog_file: Path, src: Path | None
) -> None:
    pkg = load(load_catalog(catalog_file), src)
    assert len(pkg.__all__) == len(set(pkg.__all__))
    for name in pkg.__all__:
        value = getattr(pkg, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__doc__ and value.__doc__.strip(), name
            for attribute, member in vars(value).items():
                if not attribute.startswith("_") and inspect.isfunction(member):
                    assert member.__doc__, f"{name}.{attribute}"
    assert pkg.__doc__
    module_files = Path(pkg.__file__ or "").parent
    assert (module_files / "py.typed").is_file()
    # The source is plain ASCII-safe Python: no raw line separators inside literals.
    for file in module_files.glob("*.py"):
        text = file.read_text(encoding="utf-8")
        assert not re.search("[\u2028\u2029\x85]", text), file
