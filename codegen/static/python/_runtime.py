"""Run-time stand-ins for the `typing` constructs the package's classes are declared with.

Importing `typing` (which imports `re`, `contextlib` and `warnings`) would take longer than
the rest of the package together, so the modules the package imports at once do not import
it. Type checkers still read `typing`'s originals: each module imports them under
``if TYPE_CHECKING:`` and takes these only otherwise. The classes are the same at run time:

- a class declared with :class:`NamedTuple` is a ``collections.namedtuple`` with the class
  body's docstring, methods and properties, as `typing.NamedTuple` makes it;
- a class declared with :class:`Protocol` refuses to be instantiated and ``isinstance``, as
  a protocol that is not ``@runtime_checkable`` does, and a class that names it as a base
  works as with `typing`.

``TypedDict``s have no stand-in: libraries such as pydantic recognise them by `typing`'s own
class, so they stay `typing`'s, in modules the package imports when they are first used
(``envelope`` and ``handlers``). The package's tests check both stand-ins against `typing` on
one table of cases.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "NamedTuple",
    "Protocol",
]

# What a class body holds that is not an attribute to keep.
_CLASS_KEYS = frozenset({"__module__", "__qualname__", "__annotations__"})


def _tuple_class(
    name: str, fields: tuple[str, ...], defaults: list[Any], module: str
) -> type[tuple[Any, ...]]:
    return namedtuple(name, fields, defaults=defaults, module=module)


class _NamedTupleMeta(type):
    def __new__(
        mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]
    ) -> Any:
        if not bases:
            return super().__new__(mcls, name, bases, namespace)
        annotations: dict[str, Any] = namespace.get("__annotations__", {})
        fields = tuple(annotations)
        defaults = [namespace[field] for field in fields if field in namespace]
        cls: Any = _tuple_class(name, fields, defaults, namespace["__module__"])
        cls.__qualname__ = namespace["__qualname__"]
        cls.__annotations__ = dict(annotations)
        cls.__orig_bases__ = bases
        for key, value in namespace.items():
            if key not in _CLASS_KEYS and key not in annotations:
                setattr(cls, key, value)
        return cls


class NamedTuple(metaclass=_NamedTupleMeta):
    """A base class as `typing.NamedTuple` is one: ``class Point(NamedTuple): x: int``."""


def _refuse_protocol(cls: type, what: str) -> None:
    if Protocol in cls.__bases__:
        raise TypeError(what)


class _ProtocolMeta(type):
    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        _refuse_protocol(cls, "Protocols cannot be instantiated")
        return super().__call__(*args, **kwargs)

    def __instancecheck__(cls, instance: object) -> bool:
        _refuse_protocol(cls, _NOT_RUNTIME_CHECKABLE)
        return super().__instancecheck__(instance)

    def __subclasscheck__(cls, subclass: type) -> bool:
        _refuse_protocol(cls, _NOT_RUNTIME_CHECKABLE)
        return super().__subclasscheck__(subclass)


_NOT_RUNTIME_CHECKABLE = (
    "Instance and class checks can only be used with @runtime_checkable protocols"
)


class Protocol(metaclass=_ProtocolMeta):
    """A base class as `typing.Protocol` is one: a protocol cannot be instantiated or used
    with ``isinstance``, and a class that names it as a base can."""
