"""What ``checker models`` shows: each model in use and where it is found, the number format
and batch size it runs in, and the cache. A library function, so the same lines can be logged
or tested without the CLI."""

from __future__ import annotations

from checker.config import DEFAULT_EMBED_MODEL, DEFAULT_NLI_MODEL, Config
from checker.engine.embedding import EMBED_BF16_ON_CPU
from checker.engine.modelload import batch_items, device_type, resolve_dtype
from checker.engine.modelref import resolve
from checker.engine.store import default_cache_path


def model_overview(config: Config) -> list[str]:
    """One line per model, dtype, batch size and the cache, as ``checker models`` prints them."""
    lines = []
    for kind, default, spec in (
        ("embedding", DEFAULT_EMBED_MODEL, config.embed_model),
        ("nli", DEFAULT_NLI_MODEL, config.nli_model),
    ):
        ref = resolve(spec)
        origin = "default" if ref.spec == default else "overridden"
        lines.append(f"{kind:9}  {ref.spec}  ({origin}; {ref.where}: {ref.path})")
    for kind, bf16_on_cpu in (("nli", True), ("embedding", EMBED_BF16_ON_CPU)):
        dtype, why = resolve_dtype(config.dtype, config.device, bf16_on_cpu=bf16_on_cpu)
        lines.append(f"{'dtype':9}  {kind}: {dtype} ({why}; setting {config.dtype})")
    items = batch_items(config.batch_size, config.device)
    how = f"auto on {device_type(config.device)}" if config.batch_size == 0 else "set"
    lines.append(f"{'batch':9}  {items} items ({how}; setting {config.batch_size})")
    cache = config.cache_path or default_cache_path()
    lines.append(f"{'cache':9}  {cache if config.use_cache else 'off'}")
    return lines
