"""Data flows one way: read -> analyse -> store -> query -> export, with the shared modules below them all and
the drivers (ingest, the command line, the web face, the worker pools) above. A module that imports from a
later stage reaches back up the chain."""

import ast
from pathlib import Path

import syria_corpus

PACKAGE = Path(syria_corpus.__file__).parent
STAGES = {
    "read": 1,
    "nlp": 2,
    "store": 3,
    "query": 4,
    "export": 5,
    "web": 6,
    "cli": 6,
    "scale": 6,
    "ingest": 6,
    "__main__": 6,
}


def stage(module: str) -> int:
    """Shared modules (records, errors, names, dates, the knowledge base...) sit at the package's top: stage 0."""
    return STAGES.get(module.split(".")[0], 0)


def imports(path: Path, root: Path = PACKAGE) -> list[str]:
    """Package-relative names of the modules a file imports from the package."""
    here = path.relative_to(root).with_suffix("").parts
    package = list(here[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            if node.module:
                found.append(".".join([*base, node.module]))
            else:
                found.extend(".".join([*base, alias.name]) for alias in node.names)
    return found


def test_no_module_imports_from_a_later_stage():
    backwards = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for target in imports(path):
            if stage(target) > stage(module):
                backwards.append(f"{module} imports {target}")
    assert backwards == []


def test_the_checker_sees_a_backward_import(tmp_path):
    bad = tmp_path / "nlp" / "bad.py"
    bad.parent.mkdir()
    bad.write_text("from ..query.queries import search\nfrom ..records import Quote\nfrom . import entities\n")
    assert imports(bad, tmp_path) == ["query.queries", "records", "nlp.entities"]
    assert [stage(t) > stage("nlp.bad") for t in imports(bad, tmp_path)] == [True, False, False]
