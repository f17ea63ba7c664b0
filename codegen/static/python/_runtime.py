"""Run-time stand-ins for the `typing` constructs the package's classes are declared with.

Importing `typing` (which imports `re`, `contextlib` and `warnings`) would take longer than
the rest of the package together, so no module of the package imports it at run time. Type
checkers still read `typing`'s originals: each module imports them under
``if TYPE_CHECKING:`` and takes these only otherwise. The classes are the same at run time:

- a class declared with :class:`NamedTuple` is a ``collections.namedtuple`` with the class
  body's docstring, methods and properties, as `typing.NamedTuple` makes it;
- a class declared with :class:`TypedDict` is a ``dict`` subclass whose calls make plain
  dicts, with the ``__required_keys__``, ``__optional_keys__`` and ``__total__`` that
  `typing.TypedDict` gives it (``Required[...]`` and ``NotRequired[...]`` included), that
  can be subscripted (``ErrorHandlers[str]``) and that refuses ``isinstance``;
- a class declared with :class:`Protocol` refuses to be instantiated and ``isinstance``, as
  a protocol that is not ``@runtime_checkable`` does, and a class that names it as a base
  works as with `typing`.

`typing` 3.11 ignores ``Required[...]`` and ``NotRequired[...]`` in an annotation that is a
string (``from __future__ import annotations``); the stand-in reads them there too, as type
checkers do.

The package's tests check both against `typing` on one table of cases.
"""

from __future__ import annotations

from collections import namedtuple
from types import GenericAlias

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "NamedTuple",
    "Protocol",
    "TypedDict",
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


class _TypedDictMeta(type):
    __required_keys__: frozenset[str]
    __optional_keys__: frozenset[str]
    __total__: bool

    def __new__(
        mcls,
        name: str,
        bases: tuple[type, ...],
        namespace: dict[str, Any],
        total: bool = True,
    ) -> Any:
        annotations: dict[str, Any] = {}
        required: set[str] = set()
        optional: set[str] = set()
        for base in bases:
            if isinstance(base, _TypedDictMeta):
                annotations.update(base.__dict__.get("__annotations__", {}))
                required |= base.__dict__.get("__required_keys__", frozenset())
                optional |= base.__dict__.get("__optional_keys__", frozenset())
        own: dict[str, Any] = namespace.get("__annotations__", {})
        for key, annotation in own.items():
            text = annotation if isinstance(annotation, str) else repr(annotation)
            qualifier = text.partition("[")[0].rpartition(".")[2]
            if qualifier == "Required":
                is_required = True
            elif qualifier == "NotRequired":
                is_required = False
            else:
                is_required = total
            required.discard(key)
            optional.discard(key)
            (required if is_required else optional).add(key)
        annotations.update(own)
        body = {k: v for k, v in namespace.items() if k != "__annotations__"}
        cls = super().__new__(mcls, name, (dict,), body)
        cls.__annotations__ = annotations
        cls.__required_keys__ = frozenset(required)
        cls.__optional_keys__ = frozenset(optional)
        cls.__total__ = total
        return cls

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return dict(*args, **kwargs)

    def __getitem__(cls, parameters: Any) -> GenericAlias:
        return GenericAlias(cls, parameters)

    def __instancecheck__(cls, instance: object) -> bool:
        raise TypeError("TypedDict does not support instance and class checks")

    def __subclasscheck__(cls, subclass: type) -> bool:
        raise TypeError("TypedDict does not support instance and class checks")


class TypedDict(metaclass=_TypedDictMeta):
    """A base class as `typing.TypedDict` is one: ``class Body(TypedDict, total=False)``."""


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
