"""Status words: the data file's schema, and statuses read off single sentences."""

from __future__ import annotations

from dataclasses import fields

import pytest
import yaml

from eventwire.coding.modality import CUES_FILE, Cues, cues, status_of


def test_every_cue_class_is_in_the_data_file_and_lower_case():
    raw = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    assert set(raw) == {f.name for f in fields(Cues)}
    for name, words in raw.items():
        assert words, name
        assert all(isinstance(w, str) and w == w.lower() and w.strip() == w for w in words), name
        assert len(words) == len(set(words)), f"{name} repeats a word"


def test_classes_are_loaded_as_sets():
    assert "urge" in cues().request_verbs and "refuse" in cues().refusal_verbs


@pytest.mark.parametrize("text,trigger,status", [
    ("Turkey will send troops to Libya.", "send", "intended"),
    ("Turkey plans to send troops to Libya.", "send", "intended"),
    ("The UN urged Ethiopia to withdraw its forces.", "withdraw", "requested"),
    ("Rebels allegedly killed twelve villagers.", "killed", "alleged"),
    ("Russia did not attack the convoy.", "attack", "negated"),
    ("Russia refused to withdraw its troops.", "withdraw", "negated"),
    ("If Iran attacks, Israel could retaliate.", "retaliate", "hypothetical"),
    ("Egypt condemned the attack.", "condemned", "asserted"),
])
def test_status_of_a_verb(nlp, text, trigger, status):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    assert status_of(tok, is_noun=False).status == status


def test_the_reporter_of_a_framed_clause(nlp):
    doc = nlp("Turkey will send troops to Libya, President Erdogan said on Thursday.")
    send = next(t for t in doc if t.text == "send")
    assert status_of(send, is_noun=False).reporter.text == "Erdogan"
