"""Import-linter contract type for the rule "other apps import only the public face".

DESIGN.md §3: each app's public face is its `service` (use cases) and `query` (reusable
reads); other apps import only those, the app's `models` and a short list of declared type
modules, never another app's views, forms, tasks or private helpers. Import-linter has no
built-in contract for "only these modules may be imported from outside", so this module adds
one. It is loaded by `lint-imports` through `contract_types` in pyproject.toml; nothing in
the running application imports it.

Options of a `public_faces` contract:

- `apps`: the app packages (e.g. `gehoord.insights`). An import is checked when the
  importer lies in one app and the imported module in another.
- `faces`: module names every app exposes (`service`, `query`, `models`); the face itself
  and anything below it may be imported (`gehoord.insights.query`).
- `declared`: further modules other apps may import, by full name (type modules such as
  `gehoord.tenancy.roles`). Keep this list short and say why each entry is there.
- `ignore_imports`, `unmatched_ignore_imports_alerting`: as in the built-in contracts.

Importing an app's package itself (`from gehoord.surveys import query`) is allowed: grimp
records that as an import of the submodule, and the packages' `__init__` modules are empty.
"""

from __future__ import annotations

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


class PublicFacesContract(Contract):
    """Modules of one app import from another app only its faces and declared modules."""

    type_name = "public_faces"

    apps = fields.ListField(subfield=fields.StringField())
    faces = fields.ListField(subfield=fields.StringField())
    declared = fields.ListField(subfield=fields.StringField(), required=False)
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(
        contract_utils.AlertLevel, default=contract_utils.AlertLevel.ERROR
    )

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,
            unmatched_alerting=self.unmatched_ignore_imports_alerting,
        )
        missing = [app for app in self.apps if app not in graph.modules]
        if missing:
            raise ValueError(f"Apps not found in the import graph: {', '.join(missing)}.")
        declared = set(self.declared or ())
        unknown = sorted(module for module in declared if module not in graph.modules)
        if unknown:
            raise ValueError(f"Declared modules not found: {', '.join(unknown)}.")

        violations = []
        for importer in sorted(graph.modules):
            importer_app = self._app_of(importer)
            if importer_app is None:
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                imported_app = self._app_of(imported)
                if imported_app in (None, importer_app):
                    continue
                if self._allowed(imported, imported_app, declared):
                    continue
                details = graph.get_import_details(importer=importer, imported=imported)
                violations.append(
                    {
                        "importer": importer,
                        "imported": imported,
                        "line_numbers": sorted({d["line_number"] for d in details}),
                    }
                )
        return ContractCheck(
            kept=not violations,
            metadata={"violations": violations},
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        allowed = ", ".join(self.faces)
        output.print_error(
            f"Only {allowed} and the declared modules may be imported from another app:", bold=False
        )
        output.new_line()
        for violation in check.metadata["violations"]:
            lines = ", ".join(str(n) for n in violation["line_numbers"])
            output.print_error(
                f"- {violation['importer']} -> {violation['imported']} (l.{lines})", bold=False
            )
        output.new_line()

    def _app_of(self, module: str) -> str | None:
        # The longest match, so a nested app (if one is ever listed) wins over its parent.
        found = [app for app in self.apps if module == app or module.startswith(app + ".")]
        return max(found, key=len) if found else None

    def _allowed(self, imported: str, app: str, declared: set[str]) -> bool:
        if imported == app:
            return True
        if any(imported == module or imported.startswith(module + ".") for module in declared):
            return True
        face = imported[len(app) + 1 :].split(".")[0]
        return face in self.faces
