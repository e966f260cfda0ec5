"""Progress bars written once: a bar on stderr, or a silent stand-in with the same interface."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(
    items: Iterable[T], *, total: int | None = None, desc: str = "", silent: bool = True
) -> Iterator[T]:
    """Iterate ``items`` with a tqdm bar unless ``silent``; call sites never branch."""
    if silent:
        yield from items
        return
    from tqdm.auto import tqdm

    yield from tqdm(items, total=total, desc=desc, unit="batch", leave=False, dynamic_ncols=True)
