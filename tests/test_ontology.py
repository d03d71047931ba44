"""The CAMEO table and PLOVER ontology: schema checks and well-known facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.coding import ontology as ont
from eventwire.coding.ontology import CAMEO_FILE, Ontology
from eventwire.errors import DataFileError

PLOVER_16 = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT"
).split()
# The PLOVER types a CAMEO quad class may map to (REQUEST covers appeals and demands,
# CONCEDE and RETREAT split CAMEO's material "yield" root).
QUAD_TYPES = {
    1: {"AGREE", "CONSULT", "SUPPORT", "REQUEST"},
    2: {"COOPERATE", "AID", "CONCEDE", "RETREAT"},
    3: {"ACCUSE", "REQUEST", "REJECT", "THREATEN"},
    4: {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"},
}


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


def test_every_root_and_the_sixteen_categories(onto: Ontology) -> None:
    roots = {c.code for c in onto.codes if len(c.code) == 2}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    assert list(onto.categories) == PLOVER_16
    assert len(onto.codes) >= 300


def test_codes_are_consistent(onto: Ontology) -> None:
    for code in onto.codes:
        assert code.code.startswith(code.root)
        assert code.quad_class == (1 if code.root <= "05" else 2 if code.root <= "08"
                                   else 3 if code.root <= "13" else 4)
        assert -10 <= code.goldstein <= 10
        if code.plover_type:
            assert code.plover_type in QUAD_TYPES[code.quad_class], code
        if len(code.code) > 2:
            assert code.code[:-1] in {c.code for c in onto.codes}, f"{code.code} lacks a parent"


@pytest.mark.parametrize(
    ("code", "plover", "quad", "goldstein"),
    [
        ("010", None, 1, 0.0),
        ("016", None, 1, -2.0),
        ("020", "REQUEST", 1, 3.0),
        ("0253", "REQUEST", 1, -0.3),
        ("036", "AGREE", 1, 4.0),
        ("042", "CONSULT", 1, 1.9),
        ("043", "CONSULT", 1, 2.8),
        ("046", "CONSULT", 1, 7.0),
        ("051", "SUPPORT", 1, 3.4),
        ("057", "SUPPORT", 1, 8.0),
        ("064", "COOPERATE", 2, 7.0),
        ("074", "AID", 2, 8.5),
        ("0841", "RETREAT", 2, 7.0),
        ("0874", "RETREAT", 2, 10.0),
        ("081", "CONCEDE", 2, 5.0),
        ("090", "ACCUSE", 3, -2.0),
        ("1011", "REQUEST", 3, -5.0),
        ("111", "ACCUSE", 3, -2.0),
        ("112", "ACCUSE", 3, -2.0),
        ("120", "REJECT", 3, -4.0),
        ("129", "REJECT", 3, -5.0),
        ("130", "THREATEN", 3, -4.4),
        ("138", "THREATEN", 3, -7.0),
        ("141", "PROTEST", 4, -6.5),
        ("145", "PROTEST", 4, -7.5),
        ("154", "MOBILIZE", 4, -7.2),
        ("161", "SANCTION", 4, -4.0),
        ("163", "SANCTION", 4, -8.0),
        ("173", "COERCE", 4, -5.0),
        ("174", "COERCE", 4, -5.0),
        ("181", "ASSAULT", 4, -9.0),
        ("186", "ASSAULT", 4, -10.0),
        ("190", "ASSAULT", 4, -10.0),
        ("192", "COERCE", 4, -9.5),
        ("195", "ASSAULT", 4, -10.0),
        ("202", "ASSAULT", 4, -10.0),
    ],
)
def test_known_facts(onto: Ontology, code: str, plover: str | None, quad: int, goldstein: float) -> None:
    entry = onto.cameo(code)
    assert (entry.plover_type, entry.quad_class, entry.goldstein) == (plover, quad, goldstein)


@pytest.mark.parametrize(
    ("plover", "mode", "code"),
    [
        ("ASSAULT", None, "190"),
        ("CONSULT", None, "040"),
        ("CONSULT", "visit", "042"),
        ("CONSULT", "phone", "041"),
        ("RETREAT", "release", "0841"),
        ("COERCE", "arrest", "173"),
        ("PROTEST", "riot", "145"),
        ("request", None, "100"),
    ],
)
def test_default_cameo(onto: Ontology, plover: str, mode: str | None, code: str) -> None:
    assert onto.default_cameo(plover, mode).code == code


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda o: o.cameo("42"), "leading zeros"),
        (lambda o: o.cameo("999"), "unknown CAMEO"),
        (lambda o: o.category("DISAPPROVE"), "use one of"),
        (lambda o: o.default_cameo("ASSAULT", "hugging"), "has no mode"),
    ],
)
def test_lookups_fail_with_a_clear_message(onto: Ontology, call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call(onto)


def test_contexts_include_the_special_ones(onto: Ontology) -> None:
    assert {"future", "historical", "hypothetical", "negation", "military"} <= set(onto.contexts)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("190,Use conventional military force,19,4,-10.0", "190,Use force,19,4,-12.0", "goldstein"),
        ("190,Use conventional military force,19,", "190,Use conventional military force,18,", "root"),
        ("0841,Release people,08,2,7.0,RETREAT,release", "0841,Release people,08,2,7.0,RETREAT,hug",
         "no mode"),
        ("173,", "174,", "unique"),
    ],
)
def test_bad_cameo_rows_are_refused(tmp_path: Path, monkeypatch, old: str, new: str, message: str) -> None:
    text = CAMEO_FILE.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "cameo.csv"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setattr(ont, "CAMEO_FILE", bad)
    with pytest.raises(DataFileError, match=message):
        ont._read_plover(ont.PLOVER_FILE, ont._read_codes(bad))
