"""publiccode.yml (standard 0.4) stays valid and in step with the package version."""

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ("publiccodeYmlVersion", "name", "url", "softwareVersion", "platforms", "categories")


def test_publiccode_yml_has_the_required_keys_and_the_package_version():
    publiccode = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    assert all(key in publiccode for key in REQUIRED)
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert publiccode["softwareVersion"] == version
    assert publiccode["legal"]["license"] == "EUPL-1.2"
    for language in ("nl", "en"):
        description = publiccode["description"][language]
        assert len(description["shortDescription"]) <= 150
        assert description["longDescription"] and description["features"]
    assert publiccode["developmentStatus"] in {
        "concept",
        "development",
        "beta",
        "stable",
        "obsolete",
    }
