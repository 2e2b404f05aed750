"""The batch path: the same stage functions as a Ray Data job over sharded inputs, results as Parquet.

Ray and pyarrow are optional dependencies (the `batch` extra): importing this package imports neither; the
names below load `storyline.batch.job` (and Ray) on first use.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BatchReport", "load_results", "run_batch", "story_order"]
_HOMES = {"BatchReport": "job", "run_batch": "job", "story_order": "job", "load_results": "results"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"storyline.batch.{_HOMES[name]}"), name)
