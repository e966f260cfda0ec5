"""``--engine ray``: the two models run in a pool of Ray workers; everything else stays here.

This process (the driver) reads the articles, extracts claims, pairs them, decides verdicts and
writes the report, as with the local engine. Only embedding and NLI run on the workers, each a
Ray actor that builds a model the first time it is asked for it and keeps it. The cache stays
on the driver: :class:`RayEmbedder` and :class:`RayScorer` implement ``Embedder`` and
``NliScorer``, so ``CachedEmbedder`` / ``CachedScorer`` wrap them unchanged, only cache misses
travel, and what comes back is stored here.

Same bytes as the local engine: a vector or a score depends on which inputs share its batch
(padding; up to 2e-3 in bf16), so the driver plans the batches as the local model would
(``plan``: same code, no weights loaded) and sends each worker whole consecutive batches,
which its model, running the same code in the same dtype with the same number of torch
threads as a local run here, batches and sums the same way again. The dtype is resolved here,
for the workers' device, and sent to them resolved: it is part of the cache identity, and a
worker on another CPU must not resolve ``auto`` differently.

``ray`` is imported only inside functions: ``import checker.cli`` stays light, and without Ray
installed nothing here runs (``Config`` refuses ``engine = "ray"`` first).
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import socket
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Any

import numpy as np

from checker.config import Config
from checker.engine.embedding import SentenceTransformerEmbedder
from checker.engine.modelload import cpu_threads, device_type
from checker.engine.nli import TransformersNliScorer
from checker.errors import CheckerError, UsageError
from checker.progress import progress

log = logging.getLogger("checker")

# Each call is cut into about this many tasks per worker: enough that a worker finishing early
# takes more (batches come longest first, so the last tasks are the cheapest), few enough that
# Ray's per-task cost stays small next to a task's seconds of model work.
TASKS_PER_WORKER = 4

# What a worker can build, by the name the driver sends; the arguments are the local class's.
_MODELS: dict[str, type[Any]] = {
    "embed": SentenceTransformerEmbedder,
    "score": TransformersNliScorer,
}


class ModelWorker:
    """One Ray actor: builds each model on its first call, with the driver's arguments, and
    keeps it for the rest of the run (the model loads once per worker)."""

    def __init__(self, threads: int) -> None:
        if threads:  # CPU workers: the driver's thread count (Ray would set one per CPU given)
            import torch

            torch.set_num_threads(threads)
        self._models: dict[tuple[str, tuple[Any, ...]], Any] = {}

    def run(
        self, kind: str, args: tuple[Any, ...], items: list[Any], batch_size: int
    ) -> np.ndarray:
        """``embed`` or ``score`` ``items`` with the model built from ``args``."""
        model = self._models.get((kind, args))
        if model is None:
            model = self._models[(kind, args)] = _MODELS[kind](*args)
        method = model.embed if kind == "embed" else model.score
        return np.asarray(method(items, batch_size), dtype=np.float32)

    def pid(self) -> int:
        return os.getpid()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# How long to wait for a cluster's head to answer before saying it cannot be reached; Ray
# itself retries for minutes.
PROBE_SECONDS = 5.0


def _probe(address: str) -> None:
    """Fail at once, in one line, when ``HOST:PORT`` (or ``ray://HOST:PORT``) does not answer."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return  # "local", "auto": Ray's to resolve
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=PROBE_SECONDS):
            pass
    except OSError as exc:
        raise CheckerError(
            f"cannot reach the Ray cluster at {address}: {_first_line(exc)} "
            "(is `ray start --head` running there? see --ray-address)"
        ) from None


def task_groups(batches: Sequence[np.ndarray], workers: int) -> list[np.ndarray]:
    """Runs of whole consecutive batches, concatenated: one per task, in order.

    Never a part of a batch: a worker re-batches what it gets, and only whole batches in their
    planned order come out as the same batches (see ``plan`` of the local models).
    """
    per_task = max(1, math.ceil(len(batches) / (max(1, workers) * TASKS_PER_WORKER)))
    return [
        np.concatenate(batches[start : start + per_task])
        for start in range(0, len(batches), per_task)
    ]


class RayWorkers:
    """The pool of one run: the cluster is joined (or a local one started) on first use, the
    actors are started on the first call, and :meth:`close` releases both.

    ``address``: a cluster to join (``HEAD:6379``); empty: ``$RAY_ADDRESS``, else a local
    cluster on this machine, shut down again by :meth:`close`. A process already connected to
    Ray (``ray.init`` done by the caller) uses that connection and leaves it open.
    ``workers``: pool size; 0: one per GPU when the cluster has GPUs, else one per as many
    CPUs as the local engine would use threads here (each worker runs that many threads).
    ``device``: the models' torch device on the workers; None: CUDA when the cluster has GPUs.
    """

    def __init__(self, address: str = "", workers: int = 0, device: str | None = None) -> None:
        self.address = address
        self.workers = workers
        self.requested_device = device
        self._ray: Any = None
        self._owned = False
        self._device: str | None = device
        self._actors: list[Any] = []
        self.tasks: dict[int, int] = {}  # tasks done per actor (its index in the pool)
        self.sent: dict[str, int] = {}  # items sent, per kind (embed, score)

    def __enter__(self) -> RayWorkers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _connect(self) -> Any:
        if self._ray is None:
            import ray

            if not ray.is_initialized():
                address = self.address or os.environ.get("RAY_ADDRESS") or "local"
                _probe(address)
                try:
                    ray.init(
                        address=address,
                        include_dashboard=False,
                        log_to_driver=False,
                        logging_level=logging.ERROR,
                    )
                except Exception as exc:
                    raise CheckerError(
                        f"cannot join the Ray cluster at {address}: {_first_line(exc)}"
                    ) from exc
                self._owned = True
            self._ray = ray
        return self._ray

    def _resources(self) -> tuple[int, int]:
        """The cluster's CPUs and GPUs."""
        resources = self._connect().cluster_resources()
        return int(resources.get("CPU", 0)), int(resources.get("GPU", 0))

    @property
    def device(self) -> str:
        """The workers' torch device: the one asked for, else ``cuda`` when the cluster has
        GPUs, else ``cpu`` (asks the cluster only when none was asked for)."""
        if self._device is None:
            self._device = "cuda" if self._resources()[1] else "cpu"
        return self._device

    def _pool(self) -> list[Any]:
        """The actors, started on first use: a GPU each on CUDA, else the cluster's CPUs
        shared out (at most one worker per CPU, so none waits for a CPU forever)."""
        if not self._actors:
            ray = self._connect()
            cpus, gpus = self._resources()
            if device_type(self.device) == "cuda":
                if not gpus:
                    raise UsageError(
                        f"device {self.device!r} asked for, but the Ray cluster has no GPUs"
                    )
                count = min(self.workers or gpus, gpus)
                options, threads = {"num_gpus": 1, "num_cpus": 1}, 0
            else:
                # the driver's thread count, not the worker's share of CPUs: the same kernels
                # with the same threads give the same bytes (see modelload.cpu_threads)
                threads = cpu_threads(self.requested_device)
                cpus = max(1, cpus)
                count = min(self.workers or max(1, cpus // threads), cpus)
                options = {"num_cpus": max(1, min(threads, cpus // count))}
            actor = ray.remote(ModelWorker)
            self._actors = [actor.options(**options).remote(threads) for _ in range(count)]
            log.info(
                "Ray: %d workers on %s%s (cluster: %d CPUs, %d GPUs)",
                count,
                self.device,
                f", {threads} threads each" if threads else "",
                cpus,
                gpus,
            )
        return self._actors

    def pids(self) -> list[int]:
        """Each worker's process id (for checks that the pool is what it says)."""
        ray = self._connect()
        return list(ray.get([a.pid.remote() for a in self._pool()]))

    def run(
        self,
        kind: str,
        args: tuple[Any, ...],
        items: Sequence[Any],
        batches: Sequence[np.ndarray],
        batch_size: int,
        desc: str | None = None,
    ) -> np.ndarray:
        """Rows for ``items`` in their order, computed by the workers in ``batches``.

        ``kind`` is ``embed`` or ``score``, ``args`` the local model's constructor arguments;
        ``desc`` names a progress bar over the tasks (None: no bar). No items: one worker is
        asked anyway, for the ``(0, width)`` shape only the model knows.
        """
        groups = task_groups(batches, len(self._pool())) or [np.zeros(0, dtype=np.int64)]
        out: np.ndarray | None = None
        done = self._completed(kind, args, items, groups, batch_size)
        for rows, values in progress(done, total=len(groups), desc=desc or "", silent=not desc):
            if out is None:
                out = np.zeros((len(items), *values.shape[1:]), dtype=np.float32)
            out[rows] = values
        assert out is not None
        return out

    def _completed(
        self,
        kind: str,
        args: tuple[Any, ...],
        items: Sequence[Any],
        groups: list[np.ndarray],
        batch_size: int,
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(rows, values) of each task as it finishes; each idle worker is given the next."""
        ray = self._connect()
        actors = self._pool()
        idle = list(range(len(actors)))
        waiting = list(range(len(groups)))
        running: dict[Any, tuple[int, int]] = {}  # object ref -> (actor, group)
        while waiting or running:
            while waiting and idle:
                worker, group = idle.pop(0), waiting.pop(0)
                batch = [items[i] for i in groups[group]]
                ref = actors[worker].run.remote(kind, args, batch, batch_size)
                self.sent[kind] = self.sent.get(kind, 0) + len(batch)
                running[ref] = (worker, group)
            [ref], _ = ray.wait(list(running), num_returns=1)
            worker, group = running.pop(ref)
            values = self._get(ray, ref)
            idle.append(worker)
            self.tasks[worker] = self.tasks.get(worker, 0) + 1
            yield groups[group], values

    @staticmethod
    def _get(ray: Any, ref: Any) -> np.ndarray:
        """A task's result; a worker's CheckerError (a model that cannot load) as itself."""
        try:
            return np.asarray(ray.get(ref))
        except ray.exceptions.RayTaskError as exc:
            cause = exc.cause
            if isinstance(cause, CheckerError):
                raise cause from None
            raise CheckerError(f"a Ray worker failed: {_first_line(cause)}") from exc
        except ray.exceptions.RayError as exc:
            raise CheckerError(f"a Ray worker was lost: {_first_line(exc)}") from exc

    def close(self) -> None:
        """Stop the actors, and the local cluster if this pool started it."""
        if self._ray is None:
            return
        ray = self._ray
        for actor in self._actors:
            with contextlib.suppress(Exception):
                ray.kill(actor)
        self._actors = []
        if self._owned:
            ray.shutdown()
        self._ray, self._owned, self._device = None, False, self.requested_device


class RayEmbedder:
    """An ``Embedder`` whose batches run on the pool: the vectors ``local.embed`` would give.

    ``local`` is never loaded here; it plans the batches and names the model the workers build
    (its ref, prompt, device and resolved dtype).
    """

    def __init__(self, local: SentenceTransformerEmbedder, workers: RayWorkers) -> None:
        self.local = local
        self.workers = workers
        self.ref, self.model_id, self.dtype = local.ref, local.model_id, local.dtype
        self._args = (local.ref, local.prompt, local.device, local.dtype)

    def embed(
        self, texts: Sequence[str], batch_size: int = 0, show_progress: bool = False
    ) -> np.ndarray:
        texts = list(texts)
        batches = self.local.plan(texts, batch_size)
        desc = "Embedding" if show_progress else None
        return self.workers.run("embed", self._args, texts, batches, batch_size, desc)


class RayScorer:
    """An ``NliScorer`` whose batches run on the pool: the scores ``local.score`` would give.

    ``local`` loads only its tokenizer here, to plan the batches by token length.
    """

    def __init__(self, local: TransformersNliScorer, workers: RayWorkers) -> None:
        self.local = local
        self.workers = workers
        self.ref, self.model_id, self.dtype = local.ref, local.model_id, local.dtype
        self._args = (local.ref, local.device, local.max_length, local.dtype)

    def score(
        self,
        pairs: Sequence[tuple[str, str]],
        batch_size: int = 0,
        show_progress: bool = False,
    ) -> np.ndarray:
        pairs = list(pairs)
        batches = self.local.plan(pairs, batch_size)
        desc = "NLI" if show_progress else None
        return self.workers.run("score", self._args, pairs, batches, batch_size, desc)


@contextlib.contextmanager
def engine_workers(config: Config) -> Iterator[RayWorkers | None]:
    """The run's Ray pool when ``config.engine`` is ``ray`` (released on exit), else None."""
    if config.engine != "ray":
        yield None
        return
    with RayWorkers(config.ray_address, config.ray_workers, config.device) as workers:
        yield workers
