"""Reading documents: text, JSON Lines, gzip, folders, globs, stdin, checks (eventwire/ingest/)."""

from __future__ import annotations

import gzip
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import (
    BinaryDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncodingError,
    InputError,
    MalformedRecord,
    NotEnglish,
)
from eventwire.ingest import ReadProblem, content_hash, iter_documents, read_stdin, read_text_document, sample_paths
from eventwire.records import Document

ENGLISH = (
    "Turkey and Russia urged the warring parties in Libya to declare a ceasefire on Sunday, "
    "as forces loyal to the eastern commander clashed with those of the government in Tripoli."
)
FRENCH = (
    "Le président de la République a reçu mardi soir les dirigeants des partis politiques pour "
    "discuter de la crise. Selon son entourage, aucune décision n'a encore été prise, mais une "
    "annonce est attendue dans les prochains jours concernant le calendrier des élections."
)
GERMAN = (
    "Die Bundesregierung hat am Mittwoch neue Sanktionen gegen mehrere Unternehmen beschlossen. "
    "Nach Angaben des Außenministeriums sollen die Maßnahmen bereits in der kommenden Woche in "
    "Kraft treten, sofern die Partner in der Europäischen Union zustimmen."
)
SPANISH = (
    "El gobierno anunció el lunes un acuerdo con los grupos armados del norte del país para "
    "poner fin a los combates. Según el ministro del Interior, las conversaciones continuarán "
    "durante las próximas semanas con la mediación de la Unión Africana."
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return p


def jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def split(results):
    results = list(results)
    docs = [r for r in results if isinstance(r, Document)]
    problems = [r for r in results if isinstance(r, ReadProblem)]
    return docs, problems


# -- plain text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"Turkey and Russia push for Libya ceasefire\n\n{ENGLISH}", "Turkey and Russia push for Libya ceasefire"),
        (f"Iran fires missiles at U.S. bases in Iraq\n{ENGLISH}", "Iran fires missiles at U.S. bases in Iraq"),
        (f"Who will stop the war?\n\n{ENGLISH}", "Who will stop the war?"),
        (ENGLISH, None),  # one paragraph, no headline
        (f"{ENGLISH}\n\n{ENGLISH}", None),  # first line is a long sentence
        (f"The talks ended on Monday.\n\n{ENGLISH}", None),  # ends like a sentence
        (f"TRIPOLI, Jan 8 (Reuters) - Talks ended.\n\n{ENGLISH}", None),  # a dateline, not a headline
        (f"turkey and russia meet\n\n{ENGLISH}", None),
        (f"5 killed as rockets hit Tripoli airport\n\n{ENGLISH}", "5 killed as rockets hit Tripoli airport"),
    ],
)
def test_text_title(tmp_path, text, title):
    (doc,) = iter_documents([write(tmp_path, "story.txt", text)])
    assert doc.id == "story"
    assert doc.title == title
    assert doc.text.startswith(text.split("\n")[0])  # the headline stays in the text


def test_text_is_normalised(tmp_path):
    (doc,) = iter_documents([write(tmp_path, "crlf.txt", "\ufeff  " + ENGLISH.replace(", ", ",\r\n") + "  \r\n\r\n")])
    assert "\r" not in doc.text and not doc.text.startswith((" ", "\ufeff")) and not doc.text.endswith("\n")


# -- publication dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "default", "published", "published_from"),
    [
        (ENGLISH, date(2020, 1, 8), date(2020, 1, 8), "option"),
        (ENGLISH, None, None, None),
        (f"TRIPOLI, Jan 12 (Reuters) - {ENGLISH}", date(2020, 1, 8), date(2020, 1, 12), "dateline"),
        (f"TRIPOLI, Jan 12 (Reuters) - {ENGLISH}", None, None, None),  # no year anywhere
        (f"ISTANBUL (AP) — Jan. 8, 2020 — {ENGLISH}", None, date(2020, 1, 8), "dateline"),
        (f"Libya talks\n\nCAIRO, 8 January 2020: {ENGLISH}", date(2021, 6, 1), date(2020, 1, 8), "dateline"),
    ],
)
def test_text_dates(tmp_path, text, default, published, published_from):
    (doc,) = iter_documents([write(tmp_path, "d.txt", text)], default_published=default)
    assert (doc.published, doc.published_from) == (published, published_from)


@pytest.mark.parametrize(
    ("record", "published", "published_from"),
    [
        ({"id": "a", "text": ENGLISH, "date": "2020-01-05"}, date(2020, 1, 5), "field"),
        ({"id": "a", "text": ENGLISH, "published": "2020-01-06T22:00:00-05:00"}, date(2020, 1, 6), "field"),
        ({"id": "a", "text": ENGLISH, "date": None}, date(2020, 1, 8), "option"),
        ({"id": "a", "text": ENGLISH}, date(2020, 1, 8), "option"),
        ({"id": "a", "text": f"TRIPOLI, Jan 7 (Reuters) - {ENGLISH}"}, date(2020, 1, 7), "dateline"),
        ({"id": "a", "text": f"TRIPOLI, Jan 7 (Reuters) - {ENGLISH}", "date": "2020-01-09"}, date(2020, 1, 9), "field"),
    ],
)
def test_jsonl_dates(tmp_path, record, published, published_from):
    (doc,) = iter_documents([write(tmp_path, "c.jsonl", jsonl(record))], default_published=date(2020, 1, 8))
    assert (doc.published, doc.published_from) == (published, published_from)


# -- JSON Lines ------------------------------------------------------------------------------


def test_jsonl_fields(tmp_path):
    record = {"id": 42, "text": ENGLISH, "title": "Libya", "url": "https://example.org/x", "extra": [1]}
    (doc,) = iter_documents([write(tmp_path, "c.jsonl", jsonl(record))])
    assert (doc.id, doc.title, doc.url) == ("42", "Libya", "https://example.org/x")
    assert doc.source.endswith("c.jsonl:1")


@pytest.mark.parametrize(
    ("bad_line", "error", "words"),
    [
        ('{"id": "b", "text": "unterminated', MalformedRecord, "not valid JSON"),
        ('["b", "text"]', MalformedRecord, "not an object"),
        (json.dumps({"text": ENGLISH}), MalformedRecord, "'id'"),
        (json.dumps({"id": "b"}), MalformedRecord, "'text'"),
        (json.dumps({"id": "b", "text": ["a", "list"]}), MalformedRecord, "must be a string"),
        (json.dumps({"id": True, "text": ENGLISH}), MalformedRecord, '"id" must be'),
        (json.dumps({"id": "b", "text": ENGLISH, "title": 7}), MalformedRecord, "'title' must be"),
        (json.dumps({"id": "b", "text": ENGLISH, "date": "last Tuesday"}), MalformedRecord, "not a date"),
        (json.dumps({"id": "a", "text": ENGLISH}), MalformedRecord, "repeats id 'a' of line 1"),
        (json.dumps({"id": "b", "text": "   "}), EmptyDocument, "empty"),
        (json.dumps({"id": "b", "text": FRENCH}), NotEnglish, "English"),
    ],
)
def test_jsonl_bad_line_in_the_middle(tmp_path, bad_line, error, words):
    content = jsonl({"id": "a", "text": ENGLISH}, bad_line, {"id": "c", "text": ENGLISH})
    docs, problems = split(iter_documents([write(tmp_path, "batch.jsonl", content)]))
    assert [d.id for d in docs] == ["a", "c"]
    (problem,) = problems
    assert isinstance(problem.error, error)
    assert problem.source.endswith("batch.jsonl:2") and "batch.jsonl:2" in problem.message
    assert words in problem.message


def test_jsonl_blank_lines_and_invalid_utf8(tmp_path):
    content = jsonl({"id": "a", "text": ENGLISH}).encode() + b"\n\n" + b'{"id": "b", "text": "caf\xe9"}\n'
    docs, problems = split(iter_documents([write(tmp_path, "x.jsonl", content)]))
    assert [d.id for d in docs] == ["a"]
    assert isinstance(problems[0].error, EncodingError) and problems[0].source.endswith("x.jsonl:4")


def test_jsonl_with_no_records_is_empty(tmp_path):
    (problem,) = iter_documents([write(tmp_path, "none.jsonl", "\n\n")])
    assert isinstance(problem.error, EmptyDocument)


# -- gzip --------------------------------------------------------------------------------------


def test_gzip_of_each_reader(tmp_path):
    write(tmp_path, "s.txt.gz", gzip.compress(ENGLISH.encode()))
    write(tmp_path, "c.jsonl.gz", gzip.compress(jsonl({"id": "j1", "text": ENGLISH}).encode()))
    write(tmp_path, "p.html.gz", gzip.compress(f"<html><body><p>{ENGLISH}</p></body></html>".encode()))
    docs, problems = split(iter_documents([tmp_path]))
    assert not problems
    assert sorted(d.id for d in docs) == ["j1", "p", "s"]


@pytest.mark.parametrize("name", ["cut.txt.gz", "cut.jsonl.gz", "cut.html.gz"])
def test_truncated_gzip(tmp_path, name):
    whole = gzip.compress((jsonl(*({"id": str(i), "text": ENGLISH} for i in range(200)))).encode())
    bad = write(tmp_path, name, whole[: len(whole) // 2])
    good = write(tmp_path, "ok.txt", ENGLISH)
    docs, problems = split(iter_documents([bad, good]))
    assert problems and isinstance(problems[-1].error, MalformedRecord)
    assert "truncated" in problems[-1].message and name in problems[-1].message
    assert "ok" in [d.id for d in docs]


def test_not_gzip_at_all(tmp_path):
    (problem,) = iter_documents([write(tmp_path, "fake.txt.gz", ENGLISH)])
    assert isinstance(problem.error, MalformedRecord)


# -- checks -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "error", "words"),
    [
        ("empty.txt", b"", EmptyDocument, "empty"),
        ("blank.txt", b"  \n\t\n  ", EmptyDocument, "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), BinaryDocument, "binary"),
        ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 30 + ENGLISH.encode(), BinaryDocument, "binary"),
        ("french.txt", FRENCH.encode(), NotEnglish, "English"),
        ("german.txt", GERMAN.encode(), NotEnglish, "English"),
        ("spanish.txt", SPANISH.encode(), NotEnglish, "English"),
        ("arabic.txt", "قالت الأمم المتحدة إن المحادثات ستستأنف".encode(), NotEnglish, "English"),
        ("undecodable.txt", b"The minister\x81s envoy \xe9\x81 met rebels on Monday and the talks went on.", EncodingError, "UTF-8"),
        ("bad.html", b"", EmptyDocument, "empty"),
    ],
)
def test_bad_input_is_reported_and_the_batch_goes_on(tmp_path, name, content, error, words):
    bad = write(tmp_path, name, content)
    good = write(tmp_path, "zz-good.txt", ENGLISH)
    docs, problems = split(iter_documents([bad, good]))
    (problem,) = problems
    assert isinstance(problem.error, error)
    assert problem.source == str(bad) and name in problem.message and words in problem.message
    assert [d.id for d in docs] == ["zz-good"]


def test_folder_with_a_zero_byte_file(tmp_path):
    write(tmp_path, "news/a.txt", ENGLISH)
    write(tmp_path, "news/sub/b.txt", ENGLISH)
    write(tmp_path, "news/sub/zero.txt", b"")
    write(tmp_path, "news/notes.docx", b"PK\x03\x04")  # unknown kinds in folders are skipped
    write(tmp_path, "news/.hidden.txt", ENGLISH)
    docs, problems = split(iter_documents([tmp_path / "news"]))
    assert [d.id for d in docs] == ["a", "b"]
    assert [Path(p.source).name for p in problems] == ["zero.txt"]


def test_cp1252_is_read_with_a_warning(tmp_path, caplog):
    text = "The minister\u2019s envoy said on Monday that the talks would go on \u2013 for now."
    (doc,) = iter_documents([write(tmp_path, "w.txt", text.encode("cp1252"))])
    assert doc.text == text
    assert "Windows-1252" in caplog.text


def test_utf16_with_bom(tmp_path):
    (doc,) = iter_documents([write(tmp_path, "u16.txt", ENGLISH.encode("utf-16"))])
    assert doc.text == ENGLISH


@pytest.mark.parametrize("text", ["Merci beaucoup.", "Gracias", "Die Regierung tagt."])
def test_short_texts_get_the_benefit_of_the_doubt(text):
    assert read_text_document(text, doc_id="short").text == text


def test_seed_article_reads_as_english(seed_text):
    assert read_text_document(seed_text, doc_id="seed").title == "Turkey and Russia push for Libya ceasefire"


@pytest.mark.parametrize("name", ["huge.txt", "huge.html", "huge.rss"])
def test_a_20_mb_file_is_refused_without_reading_it(tmp_path, monkeypatch, name):
    big = tmp_path / name
    with big.open("wb") as f:
        f.truncate(20_000_000)  # sparse: costs no disk and no time
    opened: list[Path] = []
    real_open = Path.open

    def spy(self, *args, **kwargs):
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    (problem,) = iter_documents([big], max_chars=2_000_000)
    assert isinstance(problem.error, DocumentTooLarge)
    assert "max-chars" in problem.message
    assert big not in opened


def test_too_many_characters(tmp_path):
    docs, problems = split(iter_documents([write(tmp_path, "long.txt", ENGLISH * 3)], max_chars=len(ENGLISH)))
    assert not docs and isinstance(problems[0].error, DocumentTooLarge)


def test_too_large_jsonl_record(tmp_path):
    content = jsonl({"id": "long", "text": ENGLISH * 3}, {"id": "ok", "text": ENGLISH})
    docs, problems = split(iter_documents([write(tmp_path, "c.jsonl", content)], max_chars=len(ENGLISH)))
    assert [d.id for d in docs] == ["ok"]
    assert isinstance(problems[0].error, DocumentTooLarge) and problems[0].source.endswith(":1")


# -- paths -------------------------------------------------------------------------------------------


def test_missing_paths_and_globs(tmp_path):
    write(tmp_path, "g/one.txt", ENGLISH)
    write(tmp_path, "g/two.txt", ENGLISH)
    results = list(iter_documents([tmp_path / "nope.txt", str(tmp_path / "g" / "*.txt"), str(tmp_path / "*.none")]))
    docs, problems = split(results)
    assert [d.id for d in docs] == ["one", "two"]
    assert "does not exist" in problems[0].message and "nope.txt" in problems[0].message
    assert "no files match" in problems[1].message


def test_each_file_is_read_once(tmp_path):
    p = write(tmp_path, "once.txt", ENGLISH)
    docs, _ = split(iter_documents([p, tmp_path, str(tmp_path / "*.txt")]))
    assert [d.id for d in docs] == ["once"]


def test_unknown_suffix_is_sniffed(tmp_path):
    write(tmp_path, "story", ENGLISH)
    write(tmp_path, "records.dat", jsonl({"id": "r1", "text": ENGLISH}))
    docs, _ = split(iter_documents([tmp_path / "story", tmp_path / "records.dat"]))
    assert [d.id for d in docs] == ["story", "r1"]


def test_ids_are_stable_across_runs(tmp_path):
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "b.jsonl", jsonl({"id": "b1", "text": ENGLISH}))
    first = [d.id for d in iter_documents([tmp_path])]
    assert first == [d.id for d in iter_documents([tmp_path])] == ["a", "b1"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read a chmod 000 folder")
def test_unreadable_folder_for_real(tmp_path):
    locked = tmp_path / "locked"
    write(tmp_path, "locked/a.txt", ENGLISH)
    locked.chmod(0)
    try:
        (problem,) = iter_documents([locked])
    finally:
        locked.chmod(0o755)
    assert "permission denied" in problem.message


def test_unreadable_folder_and_file(tmp_path, monkeypatch):
    # Tests run as root, which chmod cannot lock out, so the OS refusal is simulated.
    write(tmp_path, "news/locked/a.txt", ENGLISH)
    write(tmp_path, "news/secret.txt", ENGLISH)
    write(tmp_path, "news/z.txt", ENGLISH)
    real_scandir, real_open = os.scandir, Path.open

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def path_open(self, *args, **kwargs):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "open", path_open)
    docs, problems = split(iter_documents([tmp_path / "news"]))
    assert [d.id for d in docs] == ["z"]
    assert sorted(Path(p.source).name for p in problems) == ["locked", "secret.txt"]
    assert all("permission denied" in p.message and type(p.error) is InputError for p in problems)


# -- stdin ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stream", "ids"),
    [
        (io.StringIO(ENGLISH), ["stdin"]),
        (io.BytesIO(ENGLISH.encode()), ["stdin"]),
        (io.BytesIO(gzip.compress(ENGLISH.encode())), ["stdin"]),
        (io.BytesIO(f"<html><body><article><p>{ENGLISH}</p></article></body></html>".encode()), ["stdin"]),
        (io.StringIO(jsonl({"id": "s1", "text": ENGLISH}, {"id": "s2", "text": ENGLISH})), ["s1", "s2"]),
    ],
)
def test_stdin(stream, ids):
    docs, problems = split(read_stdin(stream, default_published=date(2020, 1, 8)))
    assert not problems
    assert [d.id for d in docs] == ids
    assert all(d.published == date(2020, 1, 8) for d in docs)


def test_stdin_problem_names_stdin():
    (problem,) = read_stdin(io.BytesIO(b""))
    assert isinstance(problem.error, EmptyDocument) and "<stdin>" in problem.message


# -- notebook API and hashing ------------------------------------------------------------------------


def test_read_text_document():
    doc = read_text_document(f"Libya talks\n\n{ENGLISH}", doc_id="n1", published=date(2020, 1, 8), url="https://example.org/n1")
    assert (doc.id, doc.title, doc.published, doc.published_from, doc.url) == ("n1", "Libya talks", date(2020, 1, 8), "option", "https://example.org/n1")


@pytest.mark.parametrize(("text", "error"), [("", EmptyDocument), (" \n ", EmptyDocument), (FRENCH, NotEnglish)])
def test_read_text_document_raises(text, error):
    with pytest.raises(error, match="nb1"):
        read_text_document(text, doc_id="nb1")


def test_content_hash():
    assert content_hash("Iran fired  missiles.\n\nIraq said") == content_hash(" Iran fired missiles. Iraq said ")
    assert content_hash("Iran fired missiles.") != content_hash("Iran fired rockets.")
    assert len(content_hash("x")) == 64


# -- the bundled sample corpus -------------------------------------------------------------------------


def test_sample_corpus():
    docs, problems = split(iter_documents(sample_paths()))
    assert not problems
    assert 14 <= len(docs) <= 20
    for d in docs:
        assert 120 <= len(d.text.split()) <= 300, d.id
        assert d.published is not None and d.id.startswith(d.published.isoformat())
        assert d.title and d.url and "example.org" in d.url
    assert len({content_hash(d.text) for d in docs}) == len(docs)


def test_sample_formats_repeat_corpus_stories():
    corpus = {d.id: d for d in iter_documents(sample_paths())}
    extra = [r for r in iter_documents(sample_paths(include_formats=True)) if r.source and "formats" in r.source]
    assert {Path(r.source.split("#")[0]).suffix for r in extra} == {".txt", ".html", ".rss"}
    for doc in extra:
        assert isinstance(doc, Document), doc
        assert doc.published == corpus[doc.id].published
        assert doc.published_from in {"dateline", "html-meta", "feed"}
