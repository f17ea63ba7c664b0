"""The package as it is published: what its wheel and source distribution hold (exactly the
files of generated/python that the README says they hold), its metadata, and what importing it
loads (the import-time figure itself is `cargo xtask bench`'s).

`cargo xtask test` sets PACKAGE_DIR to a copy of generated/python; the distributions are built
with the pinned flit_core of requirements.txt through its PEP 517 hooks, as `pip` and `build`
call them.
"""

from __future__ import annotations

import email.parser
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


def package_dir() -> Path:
    return Path(os.environ.get("PACKAGE_DIR", ROOT / "generated" / "python"))


def pyproject() -> dict[str, object]:
    with (package_dir() / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def import_name() -> str:
    return str(pyproject()["tool"]["flit"]["module"]["name"])  # type: ignore[index]


def files_under(directory: Path) -> set[str]:
    """Every file of the package's source tree, relative to it, without caches."""
    return {
        path.relative_to(directory).as_posix()
        for path in directory.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not path.name.startswith(".")
        and path.parts[len(directory.parts)] != "dist"
    }


def build(kind: str, out: Path) -> Path:
    """Builds a wheel or an sdist of PACKAGE_DIR with flit_core's PEP 517 hook."""
    code = (
        "import sys\n"
        "from flit_core import buildapi\n"
        f"print(buildapi.build_{kind}(sys.argv[1]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(out)],
        cwd=package_dir(),
        capture_output=True,
        text=True,
        check=True,
    )
    return out / result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build("wheel", tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build("sdist", tmp_path_factory.mktemp("sdist"))


def readme_paths() -> set[str]:
    """The files the package's README names (`name.ext` or `dir/name.ext` in backticks), but
    in its generated-file header, which names the catalog it came from."""
    text = re.sub(r"<!--.*?-->", "", (package_dir() / "README.md").read_text(), flags=re.S)
    return set(re.findall(r"`([\w./-]+\.(?:py|toml|md|typed))`", text))


def test_the_wheel_holds_the_package_and_its_metadata_and_nothing_else(
    wheel: Path,
) -> None:
    name = import_name()
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = next(n.split("/")[0] for n in names if ".dist-info/" in n)
        metadata = archive.read(f"{info}/METADATA").decode()
    module = package_dir() / "src" / name
    expected = {f"{name}/{path}" for path in files_under(module)}
    expected |= {f"{info}/{part}" for part in ("METADATA", "WHEEL", "RECORD")}
    assert names == expected
    assert f"{name}/py.typed" in names
    # The README the wheel's metadata carries is the package's README.
    message = email.parser.Parser().parsestr(metadata)
    assert message["Description-Content-Type"] == "text/markdown"
    assert message.get_payload().strip() == (package_dir() / "README.md").read_text().strip()


def test_the_sdist_holds_every_file_of_generated_python_and_nothing_else(
    sdist: Path,
) -> None:
    with tarfile.open(sdist) as archive:
        members = [m.name for m in archive.getmembers() if m.isfile()]
    top = {m.split("/")[0] for m in members}
    assert len(top) == 1, top
    (root,) = top
    names = {m[len(root) + 1 :] for m in members}
    assert names == files_under(package_dir()) | {"PKG-INFO"}


def test_every_file_the_readme_names_is_in_the_distribution_it_says(
    wheel: Path, sdist: Path
) -> None:
    with tarfile.open(sdist) as archive:
        in_sdist = {m.name.split("/", 1)[1] for m in archive.getmembers() if m.isfile()}
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = {n.rsplit("/", 1)[-1] for n in archive.namelist()}
    named = readme_paths()
    assert "examples/handle_errors.py" in named
    for path in named:
        assert path in in_sdist or path in in_wheel, path
    # The example the README points to is what the repository's generated/python holds.
    assert "examples/handle_errors.py" in in_sdist
    assert "py.typed" in in_wheel


def test_the_classifiers_name_the_python_versions_from_requires_python(
    wheel: Path,
) -> None:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    classifiers: list[str] = project["classifiers"]
    assert "Typing :: Typed" in classifiers
    oldest = re.fullmatch(r">=3\.(\d+)", project["requires-python"])
    assert oldest is not None
    minors = sorted(
        int(m.group(1))
        for c in classifiers
        if (m := re.fullmatch(r"Programming Language :: Python :: 3\.(\d+)", c))
    )
    # Every version from the oldest supported, with no gap; this interpreter among them.
    assert minors[0] == int(oldest.group(1))
    assert minors == list(range(minors[0], minors[-1] + 1))
    assert sys.version_info.minor in minors
    with zipfile.ZipFile(wheel) as archive:
        info = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(archive.read(info).decode())
    assert metadata.get_all("Classifier") == classifiers
    assert metadata["Requires-Python"] == project["requires-python"]


# Modules the package needs only when a function runs, or only for type checkers (`typing`,
# and `re`, which `typing` imports): importing the package must not load them (what keeps
# `import` under the benchmark's 15 ms).
LAZY_MODULES = (
    "asyncio",
    "dataclasses",
    "datetime",
    "email",
    "inspect",
    "json",
    "random",
    "re",
    "typing",
)


def fresh_interpreter(code: str) -> str:
    """What ``code`` prints, run by a new interpreter of this venv."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return result.stdout


def test_importing_the_package_loads_none_of_the_modules_it_needs_only_on_use() -> None:
    name = import_name()
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        f"import {name}\n"
        "print('\\n'.join(sorted(set(sys.modules) - before)))\n"
    )
    loaded = set(fresh_interpreter(code).split())
    assert name in loaded
    eager = sorted(
        module
        for module in loaded
        if module.partition(".")[0] in LAZY_MODULES
    )
    assert eager == [], f"import {name} loads {eager}"


def test_importing_the_package_makes_no_class_of_a_code_and_lists_none() -> None:
    # The classes are made on first use (PEP 562); the import system's own lookups (such as
    # `__path__`, for each `from .errors import ...`) must not list them either.
    name = import_name()
    code = (
        f"import {name}.errors as errors\n"
        "print(len(errors._CLASSES), len(errors._BY_NAME))\n"
    )
    assert fresh_interpreter(code).split() == ["0", "0"]
