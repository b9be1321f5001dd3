"""The local history of conversations and the people met.

Importing this package is cheap: the records are plain dataclasses (no SQLAlchemy).
"""

from __future__ import annotations

from twoway.store.records import ProgressPoint

__all__ = ["ProgressPoint"]
