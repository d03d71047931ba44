"""The trigger lexicon: schema checks over every file, ambiguity encodings and well-known entries."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from eventwire.coding.ontology import LEXICON_DIR, LexiconEntry, Ontology, load_lexicon
from eventwire.errors import DataFileError


@pytest.fixture(scope="module")
def lexicon() -> tuple[LexiconEntry, ...]:
    return load_lexicon()


def find(lexicon: tuple[LexiconEntry, ...], words: str, pos: str = "verb") -> LexiconEntry:
    key = tuple(words.split())
    matches = [e for e in lexicon if e.words == key and e.pos == pos]
    assert matches, f"no lexicon entry for {words!r} ({pos})"
    return matches[0]


def test_one_file_per_category_with_enough_entries(lexicon: tuple[LexiconEntry, ...]) -> None:
    onto = Ontology.load()
    files = {p.stem.upper() for p in LEXICON_DIR.glob("*.yaml")}
    assert files == set(onto.categories)
    counts = Counter(e.event_type for e in lexicon)
    assert all(counts[c] >= 15 for c in onto.categories), counts
    assert sum(counts.values()) >= 500


def test_entries_are_consistent(lexicon: tuple[LexiconEntry, ...]) -> None:
    onto = Ontology.load()
    keys = Counter((e.words, e.pos) for e in lexicon)
    assert max(keys.values()) == 1
    for e in lexicon:
        code = onto.cameo(e.cameo)
        assert code.plover_type == e.event_type or e.note, e
        assert 0 <= e.head < len(e.words)
        assert all(w == w.lower() and w.strip() for w in e.words)
        assert 0 < e.weight <= 1


@pytest.mark.parametrize(
    ("words", "pos", "event_type", "cameo"),
    [
        ("urge", "verb", "REQUEST", "020"),
        ("call on", "verb", "REQUEST", "020"),
        ("demand", "verb", "REQUEST", "100"),
        ("demand release", "verb", "REQUEST", "1053"),
        ("agree", "verb", "AGREE", "030"),
        ("pledge", "verb", "AGREE", "030"),
        ("meet", "verb", "CONSULT", "040"),
        ("hold talk", "verb", "CONSULT", "040"),
        ("visit", "verb", "CONSULT", "042"),
        ("negotiate", "verb", "CONSULT", "046"),
        ("praise", "verb", "SUPPORT", "051"),
        ("sign", "verb", "SUPPORT", "057"),
        ("pardon", "verb", "CONCEDE", "081"),
        ("extradite", "verb", "COOPERATE", "063"),
        ("send aid", "verb", "AID", "070"),
        ("withdraw", "verb", "RETREAT", "0874"),
        ("release", "verb", "RETREAT", "0841"),
        ("accuse", "verb", "ACCUSE", "112"),
        ("condemn", "verb", "ACCUSE", "111"),
        ("investigate", "verb", "ACCUSE", "090"),
        ("reject", "verb", "REJECT", "120"),
        ("veto", "verb", "REJECT", "129"),
        ("threaten", "verb", "THREATEN", "130"),
        ("protest", "verb", "PROTEST", "141"),
        ("hunger strike", "noun", "PROTEST", "142"),
        ("impose sanction", "verb", "SANCTION", "163"),
        ("expel diplomat", "verb", "SANCTION", "161"),
        ("send troop", "verb", "MOBILIZE", "154"),
        ("arrest", "verb", "COERCE", "173"),
        ("arrest", "noun", "COERCE", "173"),
        ("impose curfew", "verb", "COERCE", "1723"),
        ("attack", "verb", "ASSAULT", "190"),
        ("airstrike", "noun", "ASSAULT", "195"),
        ("assassinate", "verb", "ASSAULT", "186"),
        ("carry out air strike", "verb", "ASSAULT", "195"),
    ],
)
def test_well_known_triggers(lexicon, words: str, pos: str, event_type: str, cameo: str) -> None:
    entry = find(lexicon, words, pos)
    assert (entry.event_type, entry.cameo) == (event_type, cameo)


@pytest.mark.parametrize(
    ("words", "pos", "event_type"),
    [
        ("strike deal", "verb", "AGREE"),
        ("strike", "verb", "ASSAULT"),
        ("go on strike", "verb", "PROTEST"),
        ("general strike", "noun", "PROTEST"),
        ("send troop", "verb", "MOBILIZE"),
        ("send aid", "verb", "AID"),
        ("send peacekeeper", "verb", "AID"),
        ("call", "verb", "CONSULT"),
        ("call for", "verb", "REQUEST"),
        ("lodge protest", "verb", "ACCUSE"),
        ("expel", "verb", "COERCE"),
        ("boycott talk", "verb", "REJECT"),
        ("warn", "verb", "ACCUSE"),
        ("warn of retaliation", "verb", "THREATEN"),
    ],
)
def test_ambiguous_words_are_split_by_phrase(lexicon, words: str, pos: str, event_type: str) -> None:
    assert find(lexicon, words, pos).event_type == event_type


def test_senses_are_split_by_object(lexicon) -> None:
    release = find(lexicon, "release")
    assert "prisoner" in release.requires_object and "statement" not in release.requires_object
    assert "agreement" in find(lexicon, "sign").requires_object
    assert find(lexicon, "call").weight < find(lexicon, "call on").weight


@pytest.mark.parametrize(
    ("words", "pos", "head"),
    [("carry out air strike", "verb", 0), ("hunger strike", "noun", 1), ("^talk between", "noun", 0),
     ("^state of emergency", "noun", 0)],
)
def test_head_word(lexicon, words: str, pos: str, head: int) -> None:
    entry = find(lexicon, words.lstrip("^"), pos)
    assert entry.head == head


def test_hosting_reverses_source_and_target(lexicon) -> None:
    host = find(lexicon, "host")
    assert (host.source, host.target, host.mode) == (("object",), ("subject",), "visit")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('{words: "hug", pos: verb, cameo: "190"}', "already defined|hug"),
        ('{words: "attack", pos: verb, cameo: "190"}', "already defined"),
        ('{words: "smite", pos: verb, cameo: "042"}', "maps to CONSULT"),
        ('{words: "smite", pos: verb, cameo: "9999"}', "unknown CAMEO"),
        ('{words: "smite", pos: adverb, cameo: "190"}', "pos must be"),
        ('{words: "smite", pos: verb, cameo: "190", target: [sideways]}', "unknown slot"),
        ('{words: "smite", pos: verb, cameo: "190", mode: tickle}', "has no mode"),
        ('{words: "smite", pos: verb, cameo: "190", context: [weather]}', "unknown context"),
        ('{words: "smite", pos: verb, cameo: "190", colour: red}', "unknown key"),
    ],
)
def test_bad_extra_files_are_refused(tmp_path: Path, entry: str, message: str) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(f"category: ASSAULT\nentries:\n  - {entry}\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_lexicon([extra])


def test_extra_file_adds_entries(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text('category: ASSAULT\nentries:\n  - {words: "smite", pos: verb, cameo: "190", '
                     "target: [on, object]}\n", encoding="utf-8")
    entries = load_lexicon([extra])
    assert entries[-1].words == ("smite",) and entries[-1].target == ("on", "object")
    assert len(entries) == len(load_lexicon()) + 1
