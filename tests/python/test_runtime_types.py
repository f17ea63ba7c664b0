"""The package's run-time stand-ins for `typing` (its `_runtime` module) make the classes that
`typing` makes: one table of class declarations, each run once with `typing`'s `NamedTuple`
and `Protocol` and once with the stand-ins, must give the same observations; every class the
package declares with them is the same as the one `typing` would make from the same source;
and its `TypedDict`s, which have no stand-in, are `typing`'s, imported on first use."""

from __future__ import annotations

import importlib
import inspect
import pickle
import subprocess
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

import pytest

from conftest import PACKAGE as pkg

RUNTIME = importlib.import_module(f"{pkg.__name__}._runtime")

# Each case declares `C` (and sometimes `D`) with `NamedTuple` or `Protocol`,
# which the test binds to `typing`'s or to the stand-ins'.
CASES: dict[str, str] = {
    "named tuple": """
class C(NamedTuple):
    '''A point.'''

    x: int
    y: str
""",
    "named tuple with defaults, a property, a method and a class method": """
class C(NamedTuple):
    x: int
    y: str | None = None
    '''The second field.'''
    z: float = 1.5

    @property
    def double(self) -> int:
        return self.x * 2

    def shout(self) -> str:
        return f"{self.y}!"

    @classmethod
    def origin(cls) -> "C":
        return cls(0)

    def __repr__(self) -> str:
        return f"C<{self.x}>"
""",
    "named tuple with postponed annotations": """
from __future__ import annotations

class C(NamedTuple):
    x: Later | None = None
    y: list[int] = []

class Later:
    pass
""",
    "protocol and a class that declares it": """
class C(Protocol):
    '''Has a status.'''

    @property
    def status(self) -> int:
        ...

class D(C):
    @property
    def status(self) -> int:
        return 404
""",
}


def run_case(source: str, kind: str, module: str) -> dict[str, Any]:
    """The names `source` declares, run as the module `module` with `kind`'s classes."""
    origin = typing if kind == "typing" else RUNTIME
    namespace: dict[str, Any] = {
        "__name__": module,
        "NamedTuple": origin.NamedTuple,
        "Protocol": origin.Protocol,
    }
    # `dont_inherit`: this file's `from __future__ import annotations` is not the case's.
    code = compile(source.strip() + "\n", f"<{module}>", "exec", dont_inherit=True)
    exec(code, namespace)
    return namespace


def raises(action: Callable[[], object]) -> str | None:
    """The class name of what `action` raises, or `None`."""
    try:
        action()
    except Exception as error:  # noqa: BLE001 - the class is the observation
        return type(error).__name__
    return None


def hints(cls: type, module: types.ModuleType | None = None) -> dict[str, str]:
    """The type of each field, as text: the two runs of a case each make their own classes."""
    namespace = vars(module or sys.modules[cls.__module__])
    return {
        name: repr(hint)
        for name, hint in typing.get_type_hints(cls, localns=dict(namespace)).items()
    }


def observe_named_tuple(cls: Any) -> dict[str, Any]:
    first = cls._make(range(len(cls._fields)))
    return {
        "bases": [base.__name__ for base in cls.__mro__],
        "fields": cls._fields,
        "defaults": cls._field_defaults,
        "hints": hints(cls),
        "doc": cls.__doc__,
        "names": (cls.__module__, cls.__name__, cls.__qualname__),
        "attributes": sorted(
            name for name in vars(cls) if not name.startswith("_") or name == "__repr__"
        ),
        "instance": (repr(first), tuple(first), first._asdict(), hash(first)),
        "replaced": tuple(first._replace(**{cls._fields[0]: "new"})),
        "pickled": pickle.loads(pickle.dumps(first)) == first,
        "too many": raises(lambda: cls(*range(len(cls._fields) + 1))),
        "unknown keyword": raises(lambda: cls(nope=1)),
        "behaviour": {
            name: getattr(first, name)()
            if callable(getattr(first, name))
            else getattr(first, name)
            for name in ("double", "shout")
            if hasattr(first, name)
        },
        "class method": repr(cls.origin()) if hasattr(cls, "origin") else None,
    }


def observe_protocol(cls: Any, implementation: Any) -> dict[str, Any]:
    return {
        "doc": cls.__doc__,
        "names": (cls.__module__, cls.__name__, cls.__qualname__),
        "implementation": implementation().status,
        "instantiated": raises(cls),
        "isinstance": raises(lambda: isinstance(implementation(), cls)),
        "issubclass": raises(lambda: issubclass(implementation, cls)),
        "isinstance of the implementation": isinstance(
            implementation(), implementation
        ),
    }


def observe(namespace: dict[str, Any], name: str) -> dict[str, Any]:
    cls = namespace[name]
    if issubclass(cls, tuple):
        return observe_named_tuple(cls)
    return observe_protocol(cls, namespace["D"])


@pytest.mark.parametrize("case", CASES)
def test_the_stand_ins_make_the_classes_typing_makes(case: str) -> None:
    observed = {}
    for kind in ("typing", "runtime"):
        # The same module name for both, registered so that pickle and `get_type_hints` find
        # the classes.
        module = types.ModuleType("declared")
        sys.modules[module.__name__] = module
        try:
            namespace = run_case(CASES[case], kind, module.__name__)
            vars(module).update(namespace)
            observed[kind] = observe(namespace, "C")
        finally:
            del sys.modules[module.__name__]
    assert observed["runtime"] == observed["typing"]


# The modules of the package whose classes are declared with the stand-ins at run time and with
# `typing` when type checking.
DUAL_MODULES = ("codes", "_base", "response", "retry")


@pytest.mark.parametrize("name", DUAL_MODULES)
def test_the_package_declares_with_the_stand_ins_what_typing_would(name: str) -> None:
    module = importlib.import_module(f"{pkg.__name__}.{name}")
    source = inspect.getsource(module)
    assert source.count("\nTYPE_CHECKING = False\n") == 1
    # The same module run as type checkers read it: with `typing`'s classes.
    typed = types.ModuleType(module.__name__)
    typed.__package__ = pkg.__name__
    exec(
        compile(
            source.replace("\nTYPE_CHECKING = False\n", "\nTYPE_CHECKING = True\n"),
            module.__file__ or name,
            "exec",
            dont_inherit=True,
        ),
        vars(typed),
    )
    declared: list[Any] = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and value.__module__ == module.__name__
        and (issubclass(value, tuple) or RUNTIME.Protocol in value.__bases__)
    ]
    assert declared, f"{name} declares no NamedTuple or Protocol"
    for cls in declared:
        twin = vars(typed)[cls.__name__]
        assert cls.__doc__ == twin.__doc__, cls
        assert public(cls) == public(twin), cls
        if issubclass(cls, tuple):
            assert sorted(vars(cls)) == sorted(vars(twin)), cls
            assert cls._fields == twin._fields, cls
            assert cls._field_defaults == twin._field_defaults, cls
            assert hints(cls) == hints(twin, typed), cls
        else:
            assert twin._is_protocol, cls


def public(cls: type) -> list[str]:
    return sorted(name for name in vars(cls) if not name.startswith("_"))


# What the package re-exports from the modules it imports when one of their names is first
# asked for: its `TypedDict`s, which must be `typing`'s (pydantic, FastAPI and
# `typing.is_typeddict` recognise them by `typing`'s class).
TYPED_DICTS = (
    "ErrorEnvelope",
    "ErrorBody",
    "ErrorBodyDetails",
    "ErrorMeta",
    "ErrorHandlers",
    "ErrorHandlersWithDefault",
)


def test_the_typed_dicts_are_typings_imported_on_first_use() -> None:
    code = (
        "import sys\n"
        f"import {pkg.__name__} as pkg\n"
        "print('typing' in sys.modules)\n"
        "print(sorted(set(pkg.__all__) - set(dir(pkg))))\n"
        f"print([typing_dict for typing_dict in {TYPED_DICTS!r}"
        " if __import__('typing').is_typeddict(getattr(pkg, typing_dict))])\n"
        "print(pkg.handle_error.__module__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    before, undir, typed_dicts, handle_error = result.stdout.splitlines()
    assert before == "False"
    assert undir == "[]", "dir() lacks names of __all__ before their module is imported"
    assert typed_dicts == repr(list(TYPED_DICTS))
    assert handle_error == f"{pkg.__name__}.handlers"
    package: types.ModuleType = pkg  # `__all__` and `envelope` are made on first use
    assert set(TYPED_DICTS) | {"handle_error"} <= set(package.__all__)
    # Asked for again, the same object: the module is imported once.
    assert pkg.ErrorEnvelope is package.envelope.ErrorEnvelope


def test_the_handler_classes_take_a_type_argument_at_run_time() -> None:
    # `handlers: ErrorHandlers[str] = {...}` evaluates the subscript at run time.
    for cls in (pkg.ErrorHandlers, pkg.ErrorHandlersWithDefault):
        alias = cls[str]
        assert typing.get_origin(alias) is cls
        assert typing.get_args(alias) == (str,)
    assert pkg.ErrorHandlersWithDefault.__required_keys__ == {"default"}
