"""checker: pair claims across news articles and flag where they agree or contradict."""

from checker.config import Config, load_config
from checker.errors import CheckerError
from checker.pipeline import Report, check, score_pairs
from checker.records import Channel, PairInput
from checker.report.output import read_report, save_report, write_report
from checker.report.table import to_frame
from checker.rules.articles import load_articles

__all__ = [
    "Channel",
    "CheckerError",
    "Config",
    "PairInput",
    "Report",
    "check",
    "load_articles",
    "load_config",
    "read_report",
    "save_report",
    "score_pairs",
    "to_frame",
    "write_report",
]
