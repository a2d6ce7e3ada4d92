"""Domain knowledge shipped as data files in the package, each loaded once per process."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


def _data(name: str):
    return files("syria_corpus").joinpath("data", name)


@cache
def load_json(name: str) -> Any:
    return json.loads(_data(name).read_text(encoding="utf-8"))


@cache
def load_words(name: str) -> frozenset[str]:
    """A word list: one entry a line, `#` starts a comment."""
    lines = _data(name).read_text(encoding="utf-8").splitlines()
    return frozenset(s for line in lines if (s := line.split("#", 1)[0].strip()))


@cache
def load_sections(name: str) -> dict[str, frozenset[str]]:
    """A word list in `[section]`s: section name to its words."""
    sections: dict[str, set[str]] = {}
    current = ""
    for line in _data(name).read_text(encoding="utf-8").splitlines():
        s = line.split("#", 1)[0].strip()
        if s.startswith("[") and s.endswith("]"):
            current = s[1:-1]
        elif s:
            sections.setdefault(current, set()).add(s)
    return {k: frozenset(v) for k, v in sections.items()}
