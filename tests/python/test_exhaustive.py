"""mypy --strict accepts the consumer's exhaustive match over ErrorCode and its ErrorHandlers of
every code, and rejects each, naming the code, once one code is left unhandled; it accepts the
generated example, which handles a few codes and a default."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mypy import api

from conftest import PACKAGE, ROOT


def consumer_dir() -> Path | None:
    """The copy of tests/consumers/python that `cargo xtask test` completes with `handled.py`,
    the consumer's exhaustive handling of the catalog's codes (None when run on its own)."""
    found = os.environ.get("CONSUMER_DIR")
    return Path(found) if found else None


def example_file() -> Path:
    default = ROOT / "generated" / "python" / "examples" / "handle_errors.py"
    return Path(os.environ.get("EXAMPLE_FILE", default))


def mypy(path: Path, cache: Path) -> tuple[int, str]:
    stdout, stderr, status = api.run(
        ["--strict", "--cache-dir", str(cache), "--no-error-summary", str(path)]
    )
    return status, stdout + stderr


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    shared = os.environ.get("MYPY_CACHE")
    return Path(shared) if shared else tmp_path_factory.mktemp("mypy-cache")


@pytest.fixture(scope="module")
def left_out(catalog: dict[str, Any]) -> str:
    """The code the negative checks leave out: the catalog's last (any would do)."""
    return str(list(catalog["codes"])[-1])


def test_mypy_accepts_the_generated_example(cache: Path) -> None:
    status, output = mypy(example_file(), cache)
    assert status == 0, output


@pytest.mark.parametrize(
    "pattern",
    [
        # The consumer's match: one `case ErrorCode.X:` and its `return` per code.
        r"        case ErrorCode\.{code}:\n            return .*\n",
        # The consumer's ErrorHandlers: one key per code.
        r"    \"{code}\": .*\n",
    ],
)
def test_mypy_reports_a_code_left_unhandled(
    pattern: str, left_out: str, tmp_path: Path, cache: Path
) -> None:
    found = consumer_dir()
    if found is None:
        pytest.skip("CONSUMER_DIR is not set: `cargo xtask test` sets it")
    path = found / "handled.py"
    text = path.read_text(encoding="utf-8")
    status, output = mypy(path, cache)
    assert status == 0, output

    # The member name of a code is its wire string.
    reduced, count = re.subn(pattern.format(code=left_out), "", text)
    assert count == 1, f"{pattern!r} matched {count} times in {path}"
    copy = tmp_path / path.name
    copy.write_text(reduced, encoding="utf-8")
    status, output = mypy(copy, cache)
    assert status != 0, f"mypy accepted {path.name} without {left_out}"
    assert left_out in output, output


def readmes() -> list[Path]:
    """The repository's README and the generated package's."""
    return [
        Path(os.environ.get("README_FILE", ROOT / "README.md")),
        example_file().parent.parent / "README.md",
    ]


@pytest.mark.parametrize("readme", readmes(), ids=["repository", "package"])
def test_the_readme_python_example_passes_mypy(
    readme: Path, tmp_path: Path, cache: Path
) -> None:
    blocks = re.findall(
        r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S
    )
    assert len(blocks) == 1, f"{readme} should have one Python example"
    # The repository's README shows the package of the seed catalog: its example, which names
    # no code, holds for any catalog, imported by that catalog's name.
    text = blocks[0].replace("from ai_api_errors import", f"from {PACKAGE.__name__} import")
    example = tmp_path / "readme_example.py"
    example.write_text(text, encoding="utf-8")
    status, output = mypy(example, cache)
    assert status == 0, output


def test_the_reference_page_python_examples_pass_mypy(
    tmp_path: Path, cache: Path
) -> None:
    """generated/docs/errors.md shows handling and retry examples with this package: they must
    type-check against it as they are printed."""
    page = Path(os.environ.get("DOCS_FILE", ROOT / "generated" / "docs" / "errors.md"))
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 2, f"{page} should have a handling and a retry example"
    for number, block in enumerate(blocks):
        example = tmp_path / f"errors_md_example_{number}.py"
        example.write_text(block, encoding="utf-8")
        status, output = mypy(example, cache)
        assert status == 0, f"example {number} of {page}:\n{output}"


def fixture_pages() -> list[tuple[Path, Path]]:
    """(errors.md, package source directory) of each package generated from a fixture catalog:
    `cargo xtask test` generates every target there, so the page sits beside the package."""
    found = []
    for entry in filter(None, os.environ.get("FIXTURE_PACKAGES", "").split(os.pathsep)):
        _, _, src = entry.partition("=")
        found.append((Path(src).parent.parent / "docs" / "errors.md", Path(src)))
    return found


@pytest.mark.parametrize(
    ("page", "src"), fixture_pages(), ids=lambda p: p.parent.parent.parent.name
)
def test_the_fixture_pages_python_examples_pass_mypy_against_their_package(
    page: Path, src: Path, tmp_path: Path, cache: Path
) -> None:
    """Codes of the fixture catalogs get class names the main catalog never needs
    (`UNICODE` → `UnicodeCodeError`): the page must name the classes the package defines."""
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 2, f"{page} should have a handling and a retry example"
    for number, block in enumerate(blocks):
        example = tmp_path / f"errors_md_example_{number}.py"
        example.write_text(block, encoding="utf-8")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mypy",
                "--strict",
                "--cache-dir",
                str(cache),
                str(example),
            ],
            env={**os.environ, "MYPYPATH": str(src)},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert (
            result.returncode == 0
        ), f"example {number} of {page}:\n{result.stdout}{result.stderr}"
