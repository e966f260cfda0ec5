"""Docs kept honest: every CLI command has help text and is in the README."""

from checker.cli import cli

from .conftest import REPO


def test_every_command_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help, name
        assert f"`checker {name}" in readme, name
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in readme, f"{name} {opt}"


def test_readme_first_screen_has_both_commands() -> None:
    first_screen = (REPO / "README.md").read_text(encoding="utf-8").splitlines()[:20]
    text = "\n".join(first_screen)
    assert "checker report examples/ -o reports/seeds.csv" in text
    assert "pytest" in text
