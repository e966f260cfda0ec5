"""``checker`` command line: parse options, call the library, print. Nothing else lives here."""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from checker.config import (
    CHOICES,
    Config,
    load_config,
)
from checker.engine.modelload import loading_log
from checker.engine.overview import model_overview
from checker.errors import CheckerError, UsageError
from checker.pipeline import check, score_pairs
from checker.records import PairInput, Verdict
from checker.report.htmlpage import check_html_output, write_html
from checker.report.jsonl import REVIEW_ENV, ReviewSource
from checker.report.output import (
    atomic_write,
    check_output,
    read_findings,
    read_report,
    save_report,
)
from checker.report.pagereview import import_reviews
from checker.report.pagereview import summary as import_summary
from checker.report.table import to_frame
from checker.rules.articles import load_articles
from checker.rules.findings import findings_frame
from checker.rules.pairsfile import read_pairs

DEFAULT_OUTPUT = Path("reports") / "report.csv"


SHOWN_ALIKE = 3  # warnings of one kind shown before the rest are counted in one line
_DIGITS = re.compile(r"\d+")


def _kind(record: logging.LogRecord) -> str:
    """What makes warnings alike: their message template, or (for a bare ``"%s"``) the text
    with its numbers left out (``feed.jsonl:#: same text as feed.jsonl:#``)."""
    if record.args and str(record.msg).strip() != "%s":
        return str(record.msg)
    return _DIGITS.sub("#", record.getMessage())


class _StderrHandler(logging.Handler):
    """Library messages as one ``Warning: …`` line each on stderr, never buried in repeats.

    The same warning twice is shown once; of warnings alike (:func:`_kind`) the first
    ``shown`` are printed and the rest counted, and :meth:`finish` prints one line per kind
    (``… and 19,997 more like it``): 20,000 bad records must not hide the one warning that
    matters, with or without ``-q``.
    """

    def __init__(self, shown: int = SHOWN_ALIKE) -> None:
        super().__init__()
        self.shown = shown
        self.texts: set[str] = set()
        self.alike: Counter[str] = Counter()
        self.example: dict[str, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.levelno >= logging.WARNING:
            if text in self.texts:
                return
            self.texts.add(text)
            kind = _kind(record)
            self.alike[kind] += 1
            if self.alike[kind] > self.shown:
                return
            self.example.setdefault(kind, text)
        prefix = "Warning: " if record.levelno >= logging.WARNING else ""
        click.echo(f"{prefix}{text}", err=True)

    def finish(self) -> None:
        """One line per kind of warning that was cut short."""
        for kind, count in self.alike.items():
            if count > self.shown:
                example = self.example[kind]
                short = example if len(example) <= 200 else example[:199] + "…"
                click.echo(
                    f"Warning: … and {count - self.shown:,} more like it ({short})", err=True
                )
        self.alike.clear()


def _setup_logging(verbose: bool, quiet: bool = False) -> _StderrHandler:
    """``-v`` adds informational lines; ``-q`` drops the "loading models" line and shows one
    warning of each kind (the rest counted), never none: a warning may be about lost input."""
    logger = logging.getLogger("checker")
    handler = _StderrHandler(1 if quiet else SHOWN_ALIKE)
    logger.handlers = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
    loading_log.setLevel(logging.WARNING if quiet else logging.INFO)
    return handler


class CheckerGroup(click.Group):
    """Turns every library error into ``Error: …`` on stderr with the error's exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CheckerError as exc:
            if ctx.meta.get("checker.debug"):
                raise
            error = click.ClickException(str(exc))
            error.exit_code = exc.exit_code
            raise error from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if ctx.meta.get("checker.debug"):
                raise
            message = f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)"
            raise click.ClickException(message.splitlines()[0]) from None


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--debug`` and ``-v`` for every command, declared once."""

    def remember_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        ctx.meta["checker.debug"] = value
        return value

    @click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        callback=remember_debug,
        help="Show the full traceback on errors.",
    )
    @click.option("-v", "--verbose", is_flag=True, help="Also print informational messages.")
    @functools.wraps(func)
    def wrapper(*args: Any, verbose: bool, **kwargs: Any) -> Any:
        handler = _setup_logging(verbose, bool(kwargs.get("quiet")))
        try:
            return func(*args, **kwargs)
        finally:
            handler.finish()

    return wrapper


DTYPE_OPTION = click.option(
    "--dtype",
    type=click.Choice(CHOICES["dtype"]),
    help="Model number format: auto (bf16 on CPUs with AMX/AVX512-BF16 and on CUDA GPUs "
    "that support it, else fp16 on CUDA, else fp32), fp32, bf16, fp16 (CUDA only).",
)


def model_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Models, config file, cache and device: the options of every command that scores pairs."""
    options = [
        click.option("--embed-model", help="Embedding model: hub id or local folder."),
        click.option("--nli-model", help="NLI cross-encoder: hub id or local folder."),
        click.option("--device", help="torch device, e.g. cpu or cuda (default: auto)."),
        DTYPE_OPTION,
        click.option(
            "--config",
            "config_path",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="TOML file with settings (see README).",
        ),
        click.option(
            "--cache",
            "cache_path",
            type=click.Path(dir_okay=False),
            help="Cache file for embeddings and NLI scores (default: the user cache folder).",
        ),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
        click.option(
            "--engine",
            type=click.Choice(CHOICES["engine"]),
            help="Where the models run: local (this process) or ray (a pool of Ray workers; "
            f"pip install 'checker[ray]') (default {Config().engine}).",
        ),
        click.option(
            "--ray-address",
            help="Ray cluster to join, e.g. HEAD:6379 (default: $RAY_ADDRESS, else start a "
            "local one).",
        ),
        click.option(
            "--ray-workers",
            type=click.IntRange(min=0),
            help=f"Ray workers (default {Config().ray_workers}: one per GPU when the cluster has "
            "GPUs, else one per as many CPUs as a local run uses threads).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def run_config(config_path: Path | None, no_cache: bool, settings: dict[str, Any]) -> Config:
    """A command's settings: defaults < file < environment < its options (``--no-cache`` too)."""
    return load_config(config_path, use_cache=False if no_cache else None, **settings)


def run_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``model_options`` plus ``--one-story``: the options of every command that runs a check.

    Commands given their pairs (``compare``) group no stories, so they take
    ``model_options`` alone.
    """
    one_story = click.option(
        "--one-story",
        is_flag=True,
        default=None,
        help="Treat all inputs as one story (default: group articles into stories).",
    )
    return model_options(one_story(func))


@click.group(cls=CheckerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="checker")
def cli() -> None:
    """Cross-source fact-consistency checker: which claims in these articles agree or clash?"""


@cli.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="Report file; .csv, .xlsx, .jsonl or .html (the review page alone).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "jsonl", "html"]),
    default=None,
    help="Report format (default: from the output suffix, else csv).",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the review page (one offline HTML file) of the saved report here.",
)
@click.option(
    "--no-findings",
    is_flag=True,
    help="Write no findings (one row per disagreement) sheet or file.",
)
@click.option("--all", "include_neutral", is_flag=True, help="Also list neutral pairs.")
@click.option("--embed-prompt", help="Embedding prompt name or literal prefix (e.g. 'query: ').")
@click.option(
    "--top-k",
    type=click.IntRange(min=1),
    help=f"Neighbours per claim (default {Config().top_k}).",
)
@click.option(
    "--min-similarity", type=click.FloatRange(-1, 1), help="Absolute cosine floor for pairs."
)
@click.option(
    "--contradiction-threshold",
    type=click.FloatRange(0, 1),
    help="NLI contradiction both ways must reach this "
    f"(default {Config().contradiction_threshold}).",
)
@click.option(
    "--entailment-threshold",
    type=click.FloatRange(0, 1),
    help=f"NLI entailment one way must reach this (default {Config().entailment_threshold}).",
)
@click.option(
    "--same-event-min",
    type=click.FloatRange(0, 1),
    help="No contradiction (nor agreement) below this same-event level "
    f"(default {Config().same_event_min}).",
)
@click.option(
    "--frame-z",
    type=click.FloatRange(-100, 100),
    help="Two values are of the same thing when the words around them are this many σ alike "
    f"(default {Config().frame_z}).",
)
@click.option(
    "--max-value-ratio",
    type=click.FloatRange(1, 1e12),
    help="Figures further apart than this factor are two figures, not one reported twice "
    f"(default {Config().max_value_ratio}).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bars and no summary.")
@click.option("--review-author", help="JSONL ClaimReview author: organisation name.")
@click.option("--review-author-url", help="JSONL ClaimReview author: organisation URL.")
@click.option(
    "--review-url",
    help="JSONL ClaimReview url: template naming {pair_id} or {finding_id}.",
)
@click.option("--review-date", help="JSONL ClaimReview datePublished (default: today).")
@run_options
@common_options
def report(
    articles: tuple[Path, ...],
    output: Path,
    fmt: str | None,
    no_findings: bool,
    html_path: Path | None,
    include_neutral: bool,
    config_path: Path | None,
    quiet: bool,
    no_cache: bool,
    **settings: Any,
) -> None:
    """Pair claims across ARTICLES (files or folders) and write a reviewable report."""
    for key, variable in REVIEW_ENV.items():  # file < environment < option
        if settings.get(key) is None and os.environ.get(variable):
            settings[key] = os.environ[variable]
    config = run_config(config_path, no_cache, settings)
    review_source = ReviewSource.from_config(config)  # a bad url fails now, not after the models
    page_only = (fmt or output.suffix.lstrip(".")).lower() == "html"
    for page in (output if page_only else None, html_path):
        if page is not None:
            check_html_output(page)
    if not page_only:  # fail now, not after the models
        fmt = check_output(output, fmt, findings=not no_findings)
    loaded = load_articles(articles)
    result = check(loaded, config, show_progress=not quiet)
    frame = to_frame(result.verdicts, result.articles, include_neutral or config.include_neutral)
    found = None if no_findings else findings_frame(result.findings)
    languages = {a.id: a.language for a in result.articles}
    if page_only:
        write_html(frame, output, found, languages=languages)
        if not quiet:
            click.echo(f"{result.summary()}; wrote the review page ({len(frame)} rows) to {output}")
        return
    saved = save_report(frame, output, fmt, found, review_source)
    if html_path is not None:  # the saved report, reviews and stale rows included
        found = None if no_findings else read_findings(output, fmt)
        write_html(read_report(output, fmt), html_path, found, output.stem, languages)
        if not quiet:
            click.echo(f"Review page: {html_path}")
    if len({c.article_id for c in result.claims}) < 2:
        click.echo("Nothing to compare: claims from at least two articles are needed.", err=True)
    if not quiet:
        click.echo(f"{result.summary()}; wrote {saved.rows} rows to {output}")
        if found is not None:
            where = saved.findings_path or f"sheet findings of {output}"
            click.echo(f"{saved.findings} findings (one row per disagreement) in {where}")
        if saved.backup:
            click.echo(
                f"Kept the review of {saved.reviewed} rows and {saved.stale} stale rows; "
                f"previous report saved as {saved.backup}"
            )
        counts = saved.reviews
        if any(counts.values()):
            click.echo(
                f"Reviews: {counts['right']} right, {counts['wrong']} wrong, "
                f"{counts['unsure']} unsure, {counts['other']} other text; "
                f"{saved.findings_reviewed} findings reviewed"
            )


@cli.command()
@common_options
def models() -> None:
    """List the models in use, where each is found (env vars, local folders, hub), and the cache."""
    for line in model_overview(load_config()):
        click.echo(line)


def _verdict_json(verdict: Verdict) -> str:
    return json.dumps(
        {
            "claim_a": verdict.pair.a.text,
            "claim_b": verdict.pair.b.text,
            "verdict": verdict.label,
            "kind": verdict.kind,
            "confidence": verdict.confidence,
            "same_event": verdict.same_event,
            "similarity": round(verdict.pair.similarity, 4),
            "z": round(verdict.pair.z, 3),
            "reasons": list(verdict.reasons),
        },
        ensure_ascii=False,
    )


def _verdict_text(verdict: Verdict) -> str:
    lines = [
        f"verdict: {verdict.label}",
        f"kind: {verdict.kind or '-'}",
        f"confidence: {verdict.confidence:.2f}",
        f"same_event: {verdict.same_event:.2f}",
    ]
    return "\n".join(lines + [f"reason: {r}" for r in verdict.reasons])


@cli.command()
@click.argument("claims", nargs=-1)
@click.option(
    "--file",
    "pairs_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON lines with claim_a, claim_b and optional language/published fields.",
)
@click.option("--language-a", default="", help="Language of claim a (default: detected).")
@click.option("--language-b", default="", help="Language of claim b (default: detected).")
@click.option("--published-a", default="", help="Publication date of claim a (YYYY-MM-DD).")
@click.option("--published-b", default="", help="Publication date of claim b (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of lines.")
@model_options
@common_options
def compare(
    claims: tuple[str, ...],
    pairs_file: Path | None,
    language_a: str,
    language_b: str,
    published_a: str,
    published_b: str,
    as_json: bool,
    config_path: Path | None,
    no_cache: bool,
    **settings: Any,
) -> None:
    """Judge two given claims (or each pair of a JSON-lines --file): agree or contradict?

    No articles, stories or pairing: the pair goes straight to NLI, signals, evidence and the
    verdict, with its similarity z measured against the embedder's reference band (unless a
    --file line gives its z).
    """
    if pairs_file is None and len(claims) != 2:
        raise click.UsageError("give two claims, or --file PAIRS.jsonl")
    if pairs_file is not None and claims:
        raise click.UsageError("give either two claims or --file, not both")
    sides = {
        "language_a": language_a,
        "language_b": language_b,
        "published_a": published_a,
        "published_b": published_b,
    }
    config = run_config(config_path, no_cache, settings)
    if pairs_file is not None:
        for verdict in score_pairs(read_pairs(pairs_file, sides), config):
            click.echo(_verdict_json(verdict))
        return
    [verdict] = score_pairs([PairInput(*claims, **sides)], config)
    click.echo(_verdict_json(verdict) if as_json else _verdict_text(verdict))


@cli.group(name="eval")
def eval_group() -> None:
    """Measure the NLI model on labelled pairs, or a report against gold pairs."""


@eval_group.command(name="nli")
@click.argument("tsv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--nli-model", help="NLI cross-encoder: hub id or local folder.")
@click.option("--limit", type=click.IntRange(min=1), help="Use only the first N pairs.")
@click.option("--device", help="torch device, e.g. cpu or cuda (default: auto).")
@DTYPE_OPTION
@click.option(
    "--versus",
    type=click.Choice([*CHOICES["dtype"][1:], "none"]),
    help="Also score in this number format in the same run, interleaved, and compare accuracy, "
    "labels and pairs/s (default: fp32 when the run's format is not fp32, else none).",
)
@click.option(
    "--rounds", type=click.IntRange(min=1), default=2, show_default=True,
    help="With --versus: timed rounds per format; the best counts.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@common_options
def eval_nli(
    tsv: Path,
    nli_model: str | None,
    limit: int | None,
    device: str | None,
    dtype: str | None,
    versus: str | None,
    rounds: int,
    quiet: bool,
) -> None:
    """Accuracy, per-class scores and confusion matrix on TSV (premise, hypothesis, label).

    Never cached, so the pairs/s figure is the model's own.
    """
    from checker.engine.nli import TransformersNliScorer
    from checker.eval.evaluate import compare_dtypes, evaluate_nli, read_nli_tsv

    config = load_config(nli_model=nli_model, device=device, dtype=dtype)
    scorer = TransformersNliScorer(
        config.nli_model, config.device, config.nli_max_length, config.dtype
    )
    if versus is None:
        versus = "fp32" if scorer.dtype != "fp32" else "none"
    baseline = None
    if versus != "none":  # refused formats (fp16 on a CPU) fail here, before any model loads
        baseline = TransformersNliScorer(
            config.nli_model, config.device, config.nli_max_length, versus
        )
    examples = read_nli_tsv(tsv, limit)
    result = evaluate_nli(examples, scorer, batch_size=config.batch_size, show_progress=not quiet)
    click.echo(result.table())
    click.echo(f"dtype: {scorer.dtype} ({scorer.dtype_reason})")
    if scorer.window is not None:
        click.echo(
            "relative positions: each batch uses only the rows of the table it can reach "
            f"(of {2 * scorer.window.span}; same logits, checked at load)"
        )
    if baseline is not None:
        compared = compare_dtypes(
            examples, scorer, baseline, rounds=rounds, batch_size=config.batch_size
        )
        click.echo(compared.line())


@eval_group.command(name="pairs")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("articles", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@run_options
@common_options
def eval_pairs(
    gold: Path,
    articles: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
    quiet: bool,
    **settings: Any,
) -> None:
    """Precision and recall of the flagged pairs of ARTICLES against GOLD (JSON lines)."""
    from checker.eval.evaluate import evaluate_pairs, read_gold_pairs

    wanted = read_gold_pairs(gold)
    config = run_config(config_path, no_cache, settings)
    result = check(load_articles(articles), config, show_progress=not quiet)
    rows = [(v.pair.a.text, v.pair.b.text, v.label) for v in result.verdicts]
    click.echo(evaluate_pairs(wanted, rows).table())


@eval_group.command(name="stories")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument(
    "story_dirs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@click.option("--details", is_flag=True, help="Also list every gold item and every wrong row.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@run_options
@common_options
def eval_stories(
    gold: Path,
    story_dirs: tuple[Path, ...],
    details: bool,
    config_path: Path | None,
    no_cache: bool,
    quiet: bool,
    **settings: Any,
) -> None:
    """Score one run over STORY_DIRS against GOLD (the stories gold format, see README).

    All folders are checked in one run, as a user would, so pairs across stories count too.
    """
    from checker.eval.storyeval import evaluate_stories, read_gold_items

    items = read_gold_items(gold)
    config = run_config(config_path, no_cache, settings)
    result = check(load_articles(story_dirs), config, show_progress=not quiet)
    evaluation = evaluate_stories(
        items, result.verdicts, result.articles, result.claims, result.findings
    )
    click.echo(evaluation.table(details))


def _story_dirs(paths: tuple[Path, ...], names: tuple[str, ...]) -> list[Path]:
    """PATHS, or with --stories only the named folders among PATHS and their subfolders."""
    wanted = [n.strip() for name in names for n in name.split(",") if n.strip()]
    if not wanted:
        return list(paths)
    found = {p.name: p for p in paths if p.is_dir()}
    found |= {c.name: c for p in paths if p.is_dir() for c in sorted(p.iterdir()) if c.is_dir()}
    missing = [n for n in wanted if n not in found]
    if missing:
        raise UsageError(f"--stories: no story folder named {', '.join(missing)} in the paths")
    return [found[n] for n in wanted]


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Config file to write (TOML), for --config.",
)
@click.option(
    "--gold",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Label rows from this gold file (stories format); PATHS are then story folders.",
)
@click.option(
    "--stories",
    multiple=True,
    help="With --gold: use only these story folders (repeat or comma-separate).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@run_options
@common_options
def calibrate(
    paths: tuple[Path, ...],
    output: Path,
    gold: Path | None,
    stories: tuple[str, ...],
    config_path: Path | None,
    no_cache: bool,
    quiet: bool,
    **settings: Any,
) -> None:
    """Fit the same-event gates to reviewed report rows (PATHS) and write a --config file.

    Never scores a fit on the rows it was fitted on: the figures printed are cross-validated.
    """
    from checker.config import read_config_file
    from checker.eval import calibrate as cal

    if stories and gold is None:
        raise click.UsageError("--stories needs --gold")
    config = load_config(config_path, use_cache=False if no_cache else None, **settings)
    if gold is not None:
        from checker.eval.storyeval import read_gold_items

        items = read_gold_items(gold)
        dirs = _story_dirs(paths, stories)
        result = check(load_articles(dirs), config, show_progress=not quiet)
        rows = cal.label_gold(result.verdicts, result.articles, items)
        source = f"{gold.name} over {', '.join(d.name for d in dirs)}"
    else:
        rows, dropped = cal.unique_rows(
            [row for path in paths for row in cal.rows_from_report(path)]
        )
        if dropped:
            click.echo(f"note: {dropped} duplicate reviews dropped (same pair_id given again)")
        source = ", ".join(p.name for p in paths)
    fitted = cal.calibrate(rows, config)
    base = read_config_file(config_path) if config_path else {}
    text = cal.to_toml(fitted, base, source)

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")
        load_config(tmp)  # what is written must load, or fail here rather than on next use

    atomic_write(output, write)
    for line in cal.figure_lines(fitted):
        click.echo(line)
    for setting, value in fitted.settings.items():
        click.echo(f"{setting} = {value} (was {getattr(config, setting)})")
    for setting, why in fitted.kept.items():
        click.echo(f"kept {setting} = {getattr(config, setting)}: {why}")
    click.echo(f"wrote {output}")


@cli.group(name="review")
def review_group() -> None:
    """Reviews made outside the spreadsheet: merge the review page's export into a report."""


@review_group.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--overwrite",
    is_flag=True,
    help="Where the report already has a different review or note, take the page's "
    "(default: keep the report's and name the conflict).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print conflicts only.")
@common_options
def review_import(file: Path, report: Path, overwrite: bool, quiet: bool) -> None:
    """Merge FILE, exported from the review page, into REPORT (.csv, .xlsx or .jsonl)."""
    result = import_reviews(file, report, overwrite=overwrite)
    for conflict in result.conflicts:
        click.echo(f"Conflict: {conflict}", err=True)
    if not quiet:
        for line in import_summary(result, file):
            click.echo(line)
        if result.conflicts and not overwrite:
            click.echo(
                f"{len(result.conflicts)} conflicts kept the report's value; "
                "--overwrite takes the page's"
            )


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="checker")


if __name__ == "__main__":
    sys.exit(main())
