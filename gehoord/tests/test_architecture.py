"""The walls of DESIGN.md §3, enforced: the import-linter contracts in pyproject.toml hold on
the real code, and they do catch a deliberate violation in a copy of it."""

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "tenancy",
    "catalog",
    "framework",
    "contacts",
    "surveys",
    "outreach",
    "feedback",
    "insights",
    "improvement",
    "publication",
    "api",
    "demo",
    "theming",
)
LAYERS = "Floors only point down (DESIGN.md section 3)"
FACES = "Other apps import only service, query, models and declared type modules"
ACYCLIC = "No import cycles between the modules of an app"


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    """`lint-imports` on the package and pyproject.toml found in `where`."""
    command = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(command), "--no-cache"],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "PATH": str(command.parent),
            "PYTHONPATH": str(where),
            "COLUMNS": "200",
            "NO_COLOR": "1",
        },
    )


def test_the_real_code_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in (LAYERS, FACES, ACYCLIC):
        assert f"{name} KEPT" in result.stdout


def append(path: Path, line: str) -> None:
    path.write_text(path.read_text() + f"\n{line}\n")


@pytest.fixture
def copy_of_the_code(tmp_path) -> Path:
    """The Python modules of `gehoord` and the contracts, copied (no templates or assets)."""
    shutil.copytree(
        ROOT / "gehoord",
        tmp_path / "gehoord",
        ignore=shutil.ignore_patterns(
            "__pycache__", "templates", "static", "locale", "fixtures", "*.sqlite3"
        ),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_catch_a_deliberate_violation(copy_of_the_code):
    code = copy_of_the_code / "gehoord"
    # The bottom floor reaching for the top one.
    append(
        code / "tenancy" / "models.py",
        "from gehoord.publication import service as publication_service  # noqa",
    )
    # An app reaching into another app's views (publication may use insights, but only
    # through its public face).
    append(code / "publication" / "query.py", "from gehoord.insights import views  # noqa")
    # A circle inside one app (metrics already imports figures).
    append(code / "insights" / "figures.py", "from . import metrics  # noqa")

    result = lint_imports(copy_of_the_code)

    output = result.stdout
    assert result.returncode == 1, output + result.stderr
    assert f"{LAYERS} BROKEN" in output
    assert "gehoord.tenancy is not allowed to import gehoord.publication" in output
    assert "gehoord.tenancy.models -> gehoord.publication.service" in output
    assert f"{FACES} BROKEN" in output
    assert "gehoord.publication.query -> gehoord.insights.views" in output
    assert f"{ACYCLIC} BROKEN" in output
    assert "No cycles are allowed in gehoord.insights." in output


def test_no_module_of_an_app_imports_itself_back():
    """Stricter than the siblings contract, module by module: no import inside an app
    leads back to its importer. grimp sees imports inside functions as well, so a
    function-local import cannot hide a circle either. Tests are left out: nothing
    imports them, and they may use the whole app."""
    graph = grimp.build_graph("gehoord", include_external_packages=False)
    circles = []
    for app in APPS:
        modules = {m for m in graph.find_descendants(f"gehoord.{app}") if ".tests" not in m}
        for importer in sorted(modules):
            for imported in sorted(graph.find_modules_directly_imported_by(importer) & modules):
                back = graph.find_shortest_chain(importer=imported, imported=importer)
                if back:
                    circles.append(" -> ".join((importer, *back)))
    assert circles == []
