"""An embedded SQLite cache of embeddings and NLI scores, keyed by (model identity, text hash).

Re-running a report on the same articles is the common case (a reviewer adds one article, tweaks
a threshold); the models are the slow part, so their outputs are remembered. The wrappers
:class:`CachedEmbedder` and :class:`CachedScorer` keep the ``Embedder`` / ``NliScorer``
signatures and call the inner model only for misses: since models load lazily, a fully cached
run never loads one.

The cache is an optimisation, never a point of failure: a corrupt, locked or unwritable cache
file logs one warning on the ``checker`` logger and the run carries on uncached; a read-only one
is still read; a damaged entry (NaN, wrong length) is a miss, recomputed and overwritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from checker.config import ENV_CACHE_DIR
from checker.engine.embedding import Embedder
from checker.engine.modelload import announce_loading
from checker.engine.modelref import ModelRef, as_ref
from checker.engine.nli import LABELS, NliScorer

log = logging.getLogger("checker")

CACHE_FILE = "cache.sqlite3"
# SQLite's default limit on "?" parameters is 32766 since 3.32; stay far below it.
_CHUNK = 500
_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings_v1 (
    model TEXT NOT NULL, key BLOB NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS nli_v1 (
    model TEXT NOT NULL, key BLOB NOT NULL, probs BLOB NOT NULL, PRIMARY KEY (model, key)
) WITHOUT ROWID;
"""


def default_cache_path(env: Mapping[str, str] | None = None) -> Path:
    """``$CHECKER_CACHE_DIR/cache.sqlite3``, else the platform's user cache folder."""
    env = os.environ if env is None else env
    folder = env.get(ENV_CACHE_DIR)
    if not folder:
        import platformdirs

        folder = platformdirs.user_cache_dir("checker")
    return Path(folder).expanduser() / CACHE_FILE


def cache_identity(ref: ModelRef, *settings: object) -> str:
    """What cache entries are stored under: the model's identity, then ``settings``.

    ``ref.identity`` changes whenever the model's files do (see :class:`ModelRef`);
    ``settings`` are those that change outputs too (an embedding prompt, the NLI truncation
    length, the resolved dtype, so fp32 and bf16 scores never mix).
    """
    return "\n".join([ref.identity, *(repr(s) for s in settings)])


def text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def pair_key(premise: str, hypothesis: str) -> bytes:
    # \x1f (unit separator) cannot be confused with text, so (a, bc) and (ab, c) differ
    return text_key(f"{premise}\x1f{hypothesis}")


def _model_key(identity: str) -> str:
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


def _writable(path: Path) -> bool:
    """Whether SQLite can write ``path``: the file, and its folder for the WAL side files."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _open_uri(uri: str) -> sqlite3.Connection:
    """Connect and read the schema, so a file that is not a database fails here."""
    connection = sqlite3.connect(uri, uri=True, timeout=10)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        connection.close()
        raise
    return connection


class _Shared:
    """What every Store on one file shares: the connection, and which warnings were given.

    The embedder and the NLI scorer each hold a Store; sharing makes one warning per problem.
    """

    def __init__(self) -> None:
        self.connection: sqlite3.Connection | None = None
        self.broken = False
        self.read_only = False
        self.warned: set[str] = set()


# Alive while any Store on that file is: a later run (new Stores) warns afresh.
_SHARED: weakref.WeakValueDictionary[str, _Shared] = weakref.WeakValueDictionary()


class Store:
    """One SQLite file; opened on first use, disabled (with one warning) on the first error.

    WAL mode lets a reader and a writer (two runs at once) share the file; every ``put`` is one
    transaction, and arrays are stored as little-endian float32 blobs. A file this process may
    not write is opened read-only: its entries are used, new ones are not saved.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path else default_cache_path()
        key = os.path.abspath(self.path)
        shared = _SHARED.get(key)
        if shared is None:
            shared = _SHARED[key] = _Shared()
        self._shared = shared

    @property
    def broken(self) -> bool:
        return self._shared.broken

    @property
    def read_only(self) -> bool:
        return self._shared.read_only

    def _connect(self) -> sqlite3.Connection | None:
        shared = self._shared
        if shared.broken:
            return None
        if shared.connection is None:
            try:
                shared.connection = self._open()
            except (sqlite3.Error, OSError) as exc:
                self._fail(exc)
                return None
        return shared.connection

    def _open(self) -> sqlite3.Connection:
        if self.path.exists() and not _writable(self.path):
            return self._open_read_only()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(_SCHEMA)
        except sqlite3.OperationalError as exc:
            connection.close()
            if "readonly" in str(exc):
                return self._open_read_only()
            raise
        except BaseException:
            connection.close()
            raise
        return connection

    def _open_read_only(self) -> sqlite3.Connection:
        """Open for reading only. A WAL file in a folder we may not write has no ``-shm`` to
        coordinate through; then it is read as immutable (nobody here can change it anyway)."""
        uri = self.path.resolve().as_uri()
        try:
            connection = _open_uri(f"{uri}?mode=ro")
        except sqlite3.Error:
            connection = _open_uri(f"{uri}?mode=ro&immutable=1")
        self._shared.read_only = True
        self.warn_once(
            "read-only",
            "cache %s is read-only; using its entries, new ones are not saved",
            self.path,
        )
        return connection

    def warn_once(self, key: str, message: str, *args: object) -> None:
        """Log ``message`` once per problem and file, however many Stores share the file."""
        if key not in self._shared.warned:
            self._shared.warned.add(key)
            log.warning(message, *args)

    def _fail(self, exc: BaseException) -> None:
        """Warn once and stop using the cache for the rest of this run."""
        self.warn_once(
            "unusable",
            "cache %s is unusable (%s); continuing without it "
            "(delete the file, or pass --no-cache / --cache PATH)",
            self.path,
            exc,
        )
        self._shared.broken = True
        self.close()

    def close(self) -> None:
        shared = self._shared
        if shared.connection is not None:
            with contextlib.suppress(sqlite3.Error):
                shared.connection.close()
            shared.connection = None

    def _arrays(self, blobs: Mapping[bytes, bytes], size: int | None) -> dict[bytes, np.ndarray]:
        """Decoded float32 rows of ``size`` (else of the most common length), all finite.

        Anything else is damage (a truncated write, NaN from a broken run): it counts as a
        miss, so it is recomputed and overwritten, with one warning.
        """
        rows = {k: np.frombuffer(v, dtype="<f4") for k, v in blobs.items() if len(v) % 4 == 0}
        if size is None and rows:
            size = Counter(len(v) for v in rows.values()).most_common(1)[0][0]
        good = {k: v for k, v in rows.items() if len(v) == size and np.isfinite(v).all()}
        if len(good) < len(blobs):
            self.warn_once(
                "damaged",
                "cache %s has damaged entries (NaN or wrong length); recomputing them",
                self.path,
            )
        return good

    def _get(
        self, table: str, column: str, model: str, keys: Sequence[bytes]
    ) -> dict[bytes, bytes]:
        connection = self._connect()
        if connection is None or not keys:
            return {}
        found: dict[bytes, bytes] = {}
        try:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT key, {column} FROM {table} WHERE model = ? AND key IN ({marks})",
                    (model, *chunk),
                )
                found.update((bytes(k), bytes(v)) for k, v in rows)
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}
        return found

    def _put(self, table: str, model: str, items: Iterable[tuple[bytes, bytes]]) -> None:
        connection = self._connect()
        if connection is None or self._shared.read_only:
            return
        try:
            with connection:  # one transaction for the whole batch
                connection.executemany(
                    f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)",
                    [(model, key, blob) for key, blob in items],
                )
        except sqlite3.Error as exc:
            self._fail(exc)

    def get_vectors(self, identity: str, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        blobs = self._get("embeddings_v1", "vector", _model_key(identity), keys)
        return self._arrays(blobs, None)

    def put_vectors(self, identity: str, items: Mapping[bytes, np.ndarray]) -> None:
        self._put(
            "embeddings_v1",
            _model_key(identity),
            ((k, np.asarray(v, dtype="<f4").tobytes()) for k, v in items.items()),
        )

    def any_vector(self, identity: str) -> np.ndarray | None:
        """One stored vector of this model, to know its dimension without loading it."""
        connection = self._connect()
        if connection is None:
            return None
        try:
            row = connection.execute(
                "SELECT vector FROM embeddings_v1 WHERE model = ? LIMIT 1", (_model_key(identity),)
            ).fetchone()
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        if row is None or len(row[0]) % 4:
            return None
        return np.frombuffer(bytes(row[0]), dtype="<f4")

    def get_scores(self, identity: str, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        blobs = self._get("nli_v1", "probs", _model_key(identity), keys)
        return self._arrays(blobs, len(LABELS))

    def put_scores(self, identity: str, items: Mapping[bytes, np.ndarray]) -> None:
        self._put(
            "nli_v1",
            _model_key(identity),
            ((k, np.asarray(v, dtype="<f4").tobytes()) for k, v in items.items()),
        )


class _Cached:
    """What both wrappers hold: the model, the store, the model's identity, hit counts."""

    def __init__(
        self, inner: Embedder | NliScorer, store: Store, identity: str | None = None
    ) -> None:
        self.inner = inner
        self.store = store
        self.model_id = inner.model_id
        # a real model carries its resolved ref; a fake has only a name, resolved here
        self.identity = identity or as_ref(getattr(inner, "ref", inner.model_id)).identity
        self.hits = 0
        self.misses = 0
        self.announced = False

    def announce(self, kind: str) -> None:
        """Say, once, that the model is about to run for the first time: models load lazily,
        on the first cache miss, and a cold load takes seconds to tens of seconds."""
        if self.announced:
            return
        self.announced = True
        announce_loading(self.inner, kind)


class CachedEmbedder(_Cached):
    """An ``Embedder`` that asks ``inner`` only for texts the store has not seen with this model.

    ``identity`` defaults to the identity of ``inner.ref`` (else of ``inner.model_id``); pass
    :func:`cache_identity` of the model's ref and its output-changing settings (the prompt)
    when building from a config, as ``checker.pipeline.build_embedder`` does.
    """

    inner: Embedder

    def _embed(self, texts: Sequence[str], batch_size: int, show_progress: bool) -> np.ndarray:
        self.announce("embedding")
        return self.inner.embed(texts, batch_size, show_progress)

    def embed(
        self, texts: Sequence[str], batch_size: int = 0, show_progress: bool = False
    ) -> np.ndarray:
        """``(len(texts), dim)`` float32, from the store where possible."""
        if not texts:
            known = self.store.any_vector(self.identity)
            if known is not None:
                return np.zeros((0, known.shape[0]), dtype=np.float32)
            return self.inner.embed(texts, batch_size, show_progress)
        keys = [text_key(t) for t in texts]
        found, computed = _through_cache(
            keys,
            texts,
            lambda wanted: self.store.get_vectors(self.identity, wanted),
            lambda todo: self._embed(todo, batch_size, show_progress),
        )
        if (
            computed
            and found
            and {v.shape for v in found.values()} != {v.shape for v in computed.values()}
        ):
            # entries of another dimension under the same identity: trust the model
            self.store.warn_once(
                "dimension", "embedding cache entries disagree with the model; recomputing"
            )
            unique = dict(zip(keys, texts, strict=True))
            fresh = self.inner.embed(list(unique.values()), batch_size, show_progress)
            found, computed = {}, dict(zip(unique, np.asarray(fresh, np.float32), strict=True))
        self.store.put_vectors(self.identity, computed)
        return _tally(self, "embedding", keys, found, computed)


class CachedScorer(_Cached):
    """An ``NliScorer`` that asks ``inner`` only for (premise, hypothesis) pairs not yet stored."""

    inner: NliScorer

    def _score(
        self, pairs: Sequence[tuple[str, str]], batch_size: int, show_progress: bool
    ) -> np.ndarray:
        self.announce("NLI")
        return self.inner.score(pairs, batch_size, show_progress)

    def score(
        self,
        pairs: Sequence[tuple[str, str]],
        batch_size: int = 0,
        show_progress: bool = False,
    ) -> np.ndarray:
        """``(len(pairs), 3)`` probabilities in ``LABELS`` order, from the store where possible."""
        if not pairs:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        keys = [pair_key(p, h) for p, h in pairs]
        found, computed = _through_cache(
            keys,
            pairs,
            lambda wanted: self.store.get_scores(self.identity, wanted),
            lambda todo: self._score(todo, batch_size, show_progress),
        )
        self.store.put_scores(self.identity, computed)
        return _tally(self, "NLI", keys, found, computed)


def _through_cache(
    keys: list[bytes],
    inputs: Sequence[Any],
    get: Callable[[list[bytes]], dict[bytes, np.ndarray]],
    compute: Callable[[list[Any]], np.ndarray],
) -> tuple[dict[bytes, np.ndarray], dict[bytes, np.ndarray]]:
    """Rows stored under ``keys`` and rows computed for the rest (each distinct key once)."""
    found = get(list(dict.fromkeys(keys)))
    missing = list(dict.fromkeys(k for k in keys if k not in found))
    if not missing:
        return found, {}
    first = {key: item for key, item in zip(keys, inputs, strict=True) if key not in found}
    fresh = np.asarray(compute([first[k] for k in missing]), dtype=np.float32)
    return found, dict(zip(missing, fresh, strict=True))


def _tally(
    cached: _Cached,
    kind: str,
    keys: list[bytes],
    found: dict[bytes, np.ndarray],
    computed: dict[bytes, np.ndarray],
) -> np.ndarray:
    """Count hits and misses on ``cached`` and stack the rows in ``keys`` order."""
    hits = sum(k in found for k in keys)
    cached.hits += hits
    cached.misses += len(computed)
    log.debug("%s cache: %d hits, %d misses", kind, hits, len(computed))
    rows = {**found, **computed}
    return np.stack([rows[k] for k in keys]).astype(np.float32, copy=False)
