"""Connected components over shared keys: items that share any key belong together.

Two places group things this way: gold items of one fact (they share a quote) and findings
(pair rows that share a statement or a value of the same thing). One union-find serves both.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence


def components(keys: Sequence[Iterable[Hashable]]) -> list[int]:
    """A component number per item (1, 2, … in order of first appearance).

    ``keys[i]`` are item i's keys; items sharing a key, directly or through others, get one
    number.
    """
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[Hashable, int] = {}
    for i, item_keys in enumerate(keys):
        for key in item_keys:
            if key in first:
                parent[root(i)] = root(first[key])
            else:
                first[key] = i
    numbers: dict[int, int] = {}
    return [numbers.setdefault(root(i), len(numbers) + 1) for i in range(len(keys))]
