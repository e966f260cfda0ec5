"""One error tree for the whole library; the CLI turns each into one line and an exit code."""

from __future__ import annotations


class CheckerError(Exception):
    """Base of every error the library raises on purpose. Exit code 1."""

    exit_code = 1


class UsageError(CheckerError):
    """The command line or configuration asks for something impossible. Exit code 2."""

    exit_code = 2


class InputError(CheckerError):
    """No usable article could be read from the given paths."""


class ModelLoadError(CheckerError):
    """A model could not be loaded (missing locally, no network, wrong kind of model)."""


class ReportWriteError(CheckerError):
    """The report could not be written; the previous report, if any, is untouched."""
