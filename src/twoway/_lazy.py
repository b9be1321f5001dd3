"""Names a package exports but imports on first use (PEP 562), so importing the package stays cheap.

One idiom for every package that needs it (``twoway``, ``twoway.audio``, ``twoway.report``,
``twoway.store``): the package declares its lazy names under ``TYPE_CHECKING`` for the type checker
and lists where each lives::

    __getattr__, __dir__ = lazy_names(__name__, {"render_terminal": "twoway.report.terminal"})

>>> import sys, types
>>> package = types.ModuleType("example")
>>> package.__all__ = ["sqrt"]
>>> sys.modules["example"] = package
>>> package.__getattr__, package.__dir__ = lazy_names("example", {"sqrt": "math"})
>>> package.sqrt(16.0), "sqrt" in vars(package)  # imported, then kept in the package
(4.0, True)
>>> package.cbrt
Traceback (most recent call last):
AttributeError: module 'example' has no attribute 'cbrt'
>>> del sys.modules["example"]
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(
    package: str, homes: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: a name in ``homes`` is imported from
    the module named there when first asked for, then kept in the package."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        module = sys.modules[package]
        return sorted({*vars(module), *getattr(module, "__all__", ())})

    return __getattr__, __dir__
