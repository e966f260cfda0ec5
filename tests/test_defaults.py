"""Stage functions do not restate Config's defaults with other values.

A parameter named like a setting (``top_k``, ``min_words``) with a default of its own drifts
from ``Config`` unnoticed: ``candidate_pairs`` once defaulted to top-3 while a run used top-5.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import pkgutil

import checker
from checker.config import Config

# Defaults that mean "off" on purpose, not a setting's value: without a name_z the caller
# asks for no name conflicts at all.
OFF = {("checker.rules.evidence", "pair_evidence", "name_z"): math.inf}


def _functions() -> list[tuple[str, str, inspect.Signature]]:
    found = []
    for info in pkgutil.iter_modules(checker.__path__):
        module = importlib.import_module(f"checker.{info.name}")
        for owner in [module, *(v for v in vars(module).values() if inspect.isclass(v))]:
            for name, value in vars(owner).items():
                if inspect.isfunction(value) and value.__module__ == module.__name__:
                    found.append((module.__name__, name, inspect.signature(value)))
    return found


def test_setting_named_parameters_default_to_the_setting() -> None:
    settings = {f.name: getattr(Config(), f.name) for f in dataclasses.fields(Config)}
    drifted = [
        f"{module}.{function}({name}={param.default!r}), Config: {settings[name]!r}"
        for module, function, signature in _functions()
        for name, param in signature.parameters.items()
        if name in settings
        and param.default is not inspect.Parameter.empty
        and param.default != settings[name]
        and OFF.get((module, function, name)) != param.default
    ]
    assert not drifted


def test_cli_help_shows_config_defaults() -> None:
    from checker.cli import report

    helps = {p.name: p.help or "" for p in report.params}
    assert f"(default {Config().top_k})" in helps["top_k"]
    assert f"(default {Config().contradiction_threshold})" in helps["contradiction_threshold"]
    assert f"(default {Config().entailment_threshold})" in helps["entailment_threshold"]


def test_every_setting_is_in_one_section_with_its_provenance() -> None:
    from dataclasses import fields

    from checker.config import SECTIONS, Config

    placed = [name for keys in SECTIONS.values() for name in keys]
    assert sorted(placed) == sorted(f.name for f in fields(Config))  # each exactly once
    assert {tag for keys in SECTIONS.values() for tag in keys.values()} <= {
        "tuned", "fitted", "limit", "choice"
    }


def test_a_config_file_may_group_settings_by_section(tmp_path) -> None:
    import pytest

    from checker.config import load_config, section
    from checker.errors import UsageError

    path = tmp_path / "c.toml"
    path.write_text("[pairing]\ntop_k = 7\n[verdict]\nsame_event_min = 0.5\n", encoding="utf-8")
    config = load_config(path, env={})
    assert (config.top_k, config.same_event_min) == (7, 0.5)
    assert section(config, "pairing")["top_k"] == 7
    path.write_text("[checker.evidence]\nframe_z = 2.5\n", encoding="utf-8")
    assert load_config(path, env={}).frame_z == 2.5
    path.write_text("[pairing]\nframe_z = 2.5\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"\[pairing\] has no setting 'frame_z' \(it is in"):
        load_config(path, env={})
    path.write_text("top_k = 3\n[pairing]\ntop_k = 7\n", encoding="utf-8")
    with pytest.raises(UsageError, match="given twice"):
        load_config(path, env={})
