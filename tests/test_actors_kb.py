"""The actor knowledge base: schema of the bundled data, loading, user files, the PETRARCH
importer and `lookup`."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest

from eventwire.actors import KnowledgeBase, install_actor_file, read_petrarch, state_on
from eventwire.actors import text as tx
from eventwire.actors.kb import bundled_files, read_actor_file
from eventwire.actors.schema import SECTORS, TYPES
from eventwire.errors import DataFileError

BUNDLED = bundled_files()


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(include_user=False)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_every_bundled_file_is_valid(path):
    parsed = read_actor_file(path)
    assert parsed.entries or parsed.roles
    for e in parsed.entries:
        assert e.id and e.name and e.type in TYPES
        assert e.country is None or re.fullmatch(r"[A-Z]{3}", e.country)
        assert e.sector is None or e.sector in SECTORS
        for r in e.roles:
            assert r.sector is None or r.sector in SECTORS
            assert r.start is None or r.end is None or r.start <= r.end


def test_ids_are_unique_across_bundled_files():
    seen: dict[str, str] = {}
    for path in BUNDLED:
        for e in read_actor_file(path).entries:
            assert e.id not in seen, f"{e.id} is in {seen.get(e.id)} and {path.name}"
            seen[e.id] = path.name


def test_every_country_code_used_is_a_known_state(kb):
    states = {e.country for e in kb.entries.values() if e.type == "country"}
    for e in kb.entries.values():
        codes = {e.country} | {r.country for r in e.roles}
        assert codes - {None} <= states, e.id


def test_no_alias_names_two_countries_unless_marked(kb):
    for key, ids in kb.names.items():
        entries = [kb.entries[i] for i in ids]
        countries = {e.country for e in entries}
        if len(countries) > 1:
            marked = all(any(tx.key(a) == key for a in e.ambiguous) for e in entries)
            assert marked, f"{key!r} names {[e.id for e in entries]}"


def test_coverage_counts(kb):
    types = [e.type for e in kb.entries.values()]
    assert types.count("country") >= 200
    assert types.count("igo") >= 60
    assert types.count("person") >= 850
    assert types.count("armed_group") >= 160
    assert kb.alias_count >= 3600


def test_load_is_fast_and_cached():
    started = time.perf_counter()
    first = KnowledgeBase.load(include_user=False)
    assert KnowledgeBase.load(include_user=False) is first
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("text,key", [
    ("Erdoğan", "erdogan"), ("Libya’s", "libya 's"), ("U.N.", "UN"), ("al-Serraj", "al serraj"),
    ("Côte d'Ivoire", "cote d ivoire"), ("Rebels'", "rebels 's"), ("WHO", "WHO"), ("who", "who"),
])
def test_name_keys(text, key):
    assert tx.key(text) == key


@pytest.mark.parametrize("ident,on,sector,note", [
    ("Q39259", date(2010, 1, 1), "GOV", "prime minister"),
    ("Q39259", date(2016, 1, 1), "GOV", "president"),
    ("giuseppe-conte", date(2021, 5, 1), "ELI", "former prime minister"),
    ("taliban", None, "GOV", "current role"),
    ("alexei-navalny", date(2020, 1, 1), "OPP", ""),
])
def test_state_on_a_date(kb, ident, on, sector, note):
    st = state_on(kb.entries[ident], on)
    assert st.sector == sector and note in st.note


def test_lookup_explains_itself(kb):
    found = kb.lookup("Erdogan", date(2020, 1, 8))
    assert found.actor.country == "TUR" and "president" in found.why
    missing = kb.lookup("Zorblax Quux")
    assert missing.actor.resolution == "unresolved" and "not in the knowledge base" in missing.why


PETRARCH_SAMPLE = """\
# a tiny actor dictionary in the PETRARCH style
GEORGE_W_BUSH_  [USAGOV 20010120-20090120] [USAELI]   # the 43rd president
+BUSH_
+GEORGE_WALKER_BUSH_
ZORBA_THE_MINISTER_
    [GRCGOV >20300101]
    [GRCBUS <20300101]
AMNESTY_INTERNATIONAL_ [NGOHRI]
"""


def test_petrarch_importer(tmp_path):
    path = tmp_path / "sample.actors"
    path.write_text(PETRARCH_SAMPLE, encoding="utf-8")
    entries = {e.name: e for e in read_petrarch(path).entries}
    bush = entries["George W Bush"]
    assert (bush.country, bush.sector, bush.type) == ("USA", "ELI", "person")
    assert "Bush" in bush.aliases and "George Walker Bush" in bush.aliases
    (role,) = bush.roles
    assert (role.country, role.sector, role.start, role.end) == ("USA", "GOV", date(2001, 1, 20), date(2009, 1, 20))
    zorba = entries["Zorba The Minister"]
    assert [(r.sector, r.start, r.end) for r in zorba.roles] == [("GOV", date(2030, 1, 1), None), ("BUS", None, date(2030, 1, 1))]
    kb = KnowledgeBase.load([path], include_user=False)
    assert kb.lookup("George Walker Bush", date(2005, 1, 1)).actor.sector == "GOV"
    assert kb.lookup("George Walker Bush", date(2015, 1, 1)).actor.sector == "ELI"
    assert kb.lookup("Zorba the Minister", date(2031, 1, 1)).actor.cameo_code == "GRCGOV"


@pytest.mark.parametrize("text,problem", [
    ("+ALIAS_ALONE_\n", "before any actor"),
    ("NO_CODE_ACTOR_\n", "has no [CODE]"),
    ("BAD_DATE_ [USAGOV 20011350-20020101]\n", "not YYYYMMDD"),
])
def test_petrarch_errors_say_what_to_fix(tmp_path, text, problem):
    path = tmp_path / "bad.actors"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape(problem)):
        read_petrarch(path)


USER_YAML = """\
actors:
  - {id: zorblax-front, name: Zorblax Front, type: armed_group, country: LBY, sector: REB, aliases: [ZF]}
  - {id: lna, name: Libyan National Army, type: armed_group, country: LBY, sector: MIL, aliases: [LNA]}
"""


def test_install_and_override_by_id(tmp_path):
    src = tmp_path / "mine.yaml"
    src.write_text(USER_YAML, encoding="utf-8")
    user_dir = tmp_path / "home" / "actors"
    installed = install_actor_file(src, user_dir)
    assert installed == user_dir / "mine.yaml" and installed.exists()
    kb = KnowledgeBase.load(user_dir=user_dir)
    assert kb.lookup("ZF").actor.id == "zorblax-front"
    assert kb.lookup("the LNA").actor.sector == "MIL"


@pytest.mark.parametrize("body,problem", [
    ("actors:\n  - {id: x1, name: X, country: Libya}\n", "ISO 3166"),
    ("actors:\n  - {id: x1, name: X, sector: WARLORD}\n", "sector"),
    ("actors:\n  - {id: x1, name: X, type: person, roles: [{title: boss, start: 2020-01-01, end: 2019-01-01}]}\n", "before it starts"),
    ("actors:\n  - {id: x1, name: X, type: wizard}\n", "type"),
    ("actors:\n  - {name: X}\n", "needs id and name"),
    ("people: []\n", "countries:, actors: or roles:"),
    ("actors: [\n", "not valid YAML"),
])
def test_invalid_user_files_are_refused(tmp_path, body, problem):
    src = tmp_path / "bad.yaml"
    src.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape(problem)):
        install_actor_file(src, tmp_path / "actors")
    assert not (tmp_path / "actors" / "bad.yaml").exists()


def test_missing_extra_file_is_an_error():
    with pytest.raises(DataFileError, match="does not exist"):
        KnowledgeBase.load([Path("/nonexistent/actors.yaml")], include_user=False)


@pytest.mark.parametrize("mention,country,sector", [
    ("U.N. Secretary-General Kofi Annan", None, "IGO"),
    ("UN High Commissioner for Refugees Antonio Guterres", None, "IGO"),
])
def test_an_undated_mention_takes_the_role_its_title_names(mention, country, sector):
    from eventwire.actors import ActorResolver

    actor = ActorResolver(KnowledgeBase.load(include_user=False)).for_document(None).resolve(mention, is_proper=True)
    assert actor is not None and (actor.country, actor.sector) == (country, sector)
