"""checker: pair claims across news articles and flag where they agree or contradict."""

from checker.articles import load_articles
from checker.config import Config, load_config
from checker.errors import CheckerError
from checker.pipeline import Report, check
from checker.report import read_report, save_report, to_frame, write_report

__all__ = [
    "CheckerError",
    "Config",
    "Report",
    "check",
    "load_articles",
    "load_config",
    "read_report",
    "save_report",
    "to_frame",
    "write_report",
]
