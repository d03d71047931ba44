"""spaCy loading and the per-document parse. Models come from installed packages only."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.config import DEFAULT_MODEL
from eventwire.errors import ModelNotFound

log = logging.getLogger(__name__)


@Language.component("eventwire_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never run together.

    The word after a paragraph's first word is pinned inside the sentence, since the small
    parser otherwise tends to cut a one-word sentence off the start of a paragraph.
    """
    n = len(doc)
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
            if tok.i + 2 < n and not doc[tok.i + 2].is_space:
                doc[tok.i + 2].is_sent_start = False
    return doc


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
    if "parser" in nlp.pipe_names and "eventwire_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraphs", before="parser")
    log.info("loaded spaCy pipeline %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp
