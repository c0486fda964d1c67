"""Environment variables are declared once (gehoord/config.py), and the README shows them."""

import ast
import io
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from gehoord import config

REPOSITORY = Path(config.__file__).resolve().parent.parent
README = REPOSITORY / "README.md"
START, END = "<!-- envvars:", "<!-- /envvars -->"


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def first_string(args: list[ast.expr]) -> str | None:
    if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
        return args[0].value
    return None


def names_read(tree: ast.AST) -> set[str]:
    """Variable names that a module reads (or sets) through os.environ, os.getenv,
    django-environ's `env(...)`/`env.int(...)` or gehoord.config's `read(...)`."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = dotted(node.func)
            if (
                func.endswith(("environ.get", "environ.setdefault", "environ.pop", "getenv"))
                or func in ("env", "read", "config.read")
                or func.startswith("env.")
            ):
                names.add(first_string(node.args))
        elif isinstance(node, ast.Subscript) and dotted(node.value).endswith("environ"):
            slice_ = node.slice
            if isinstance(slice_, ast.Constant) and isinstance(slice_.value, str):
                names.add(slice_.value)
        elif isinstance(node, ast.Compare) and any(
            dotted(c).endswith("environ") for c in node.comparators
        ):
            names.add(first_string([node.left]))
    return {name for name in names if name and name.isupper()}


def variables_in_code() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for folder in ("gehoord", "bench"):
        for path in sorted((REPOSITORY / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for name in names_read(ast.parse(path.read_text(encoding="utf-8"))):
                found.setdefault(name, []).append(str(path.relative_to(REPOSITORY)))
    return found


def test_the_scan_finds_reads_of_every_kind():
    found = variables_in_code()
    # settings.py (config.read), the browser tests (read), bench/ (read, os.environ[...]),
    # cli.py (os.environ.setdefault).
    for name in (
        "SECRET_KEY",
        "CHROMIUM_PATH",
        "BENCH_N",
        "DATABASE_URL",
        "DJANGO_SETTINGS_MODULE",
    ):
        assert name in found
    assert names_read(ast.parse('x = os.getenv("A_B")\nif "C_D" in os.environ: pass')) == {
        "A_B",
        "C_D",
    }


def test_every_variable_the_code_reads_is_declared():
    undeclared = {
        name: where for name, where in variables_in_code().items() if name not in config.BY_NAME
    }
    assert not undeclared, f"declare these in gehoord/config.py VARIABLES: {undeclared}"


def test_settings_read_variables_only_through_config():
    tree = ast.parse((REPOSITORY / "gehoord" / "settings.py").read_text(encoding="utf-8"))
    used = {
        node.attr if isinstance(node, ast.Attribute) else node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute | ast.Name)
    }
    assert not used & {"environ", "getenv", "Env", "env"}


def test_names_are_declared_once_and_every_part_is_known():
    names = [variable.name for variable in config.VARIABLES]
    assert len(names) == len(set(names))
    assert {variable.part for variable in config.VARIABLES} <= set(config.PARTS)
    assert {variable.type for variable in config.VARIABLES} <= set(config._PARSERS)


def test_readme_shows_the_generated_table():
    readme = README.read_text(encoding="utf-8")
    assert readme.count(START) == 1 and readme.count(END) == 1
    shown = readme.split(START, 1)[1].split("\n", 1)[1].split(END, 1)[0]
    assert shown == config.markdown_table(), (
        "README.md's configuration table is out of date: paste the output of "
        "`gehoord envvars --markdown` between its envvars markers"
    )


def test_the_table_has_every_variable_and_the_test_and_bench_parts():
    table = config.markdown_table()
    for variable in config.VARIABLES:
        assert f"| `{variable.name}` |" in table
    tests_row = table.index("**for tests and CI**")
    bench_row = table.index("**for `make bench`**")
    assert table.index("`SECRET_KEY`") < tests_row < table.index("`GEHOORD_TEST_NOW`")
    assert tests_row < table.index("`CHROMIUM_PATH`") < bench_row < table.index("`BENCH_N`")


def test_envvars_command_prints_the_table():
    out = io.StringIO()
    call_command("envvars", "--markdown", stdout=out)
    assert out.getvalue() == config.markdown_table()
    out = io.StringIO()
    call_command("envvars", stdout=out)
    assert "HUEY_WORKERS (integer; default `2`)" in out.getvalue()


def test_read_parses_by_type_and_falls_back_to_the_default(monkeypatch, tmp_path):
    monkeypatch.delenv("HUEY_WORKERS", raising=False)
    assert config.read("HUEY_WORKERS") == 2
    monkeypatch.setenv("HUEY_WORKERS", "5")
    assert config.read("HUEY_WORKERS") == 5
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example,b.example")
    assert config.read("ALLOWED_HOSTS") == ["a.example", "b.example"]
    monkeypatch.setenv("GEHOORD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("STATIC_ROOT", raising=False)
    assert config.read("STATIC_ROOT") == tmp_path / "static"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert config.read("DATABASE_URL")["NAME"] == str(tmp_path / "gehoord.sqlite3")
    monkeypatch.setenv("STATIC_ROOT", "")  # set but empty: the default, not the current folder
    assert config.read("STATIC_ROOT") == tmp_path / "static"


def test_production_requires_what_it_must_not_default(monkeypatch):
    monkeypatch.setenv("GEHOORD_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        config.read("SECRET_KEY")
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    assert config.read("SECRET_KEY") == "s3cret"


def test_an_undeclared_variable_cannot_be_read():
    with pytest.raises(KeyError):
        config.read("GEHOORD_" + "NOT_DECLARED")  # not a literal, so the scan ignores it
