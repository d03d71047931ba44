"""Can every lexicon entry fire? Parse a few sentences per entry and check the coder finds it.

    python bench/lexicon_audit.py [--verbose] [--only WORDS]

For each entry the script builds plain news sentences from templates (past tense, passive for
single verbs, the noun as subject and as object) plus any hand-written sentences in SENTENCES,
parses them with the project pipeline and asks TriggerIndex.find() for the entry. An entry
"fires" when at least one sentence yields a match on that very entry; "shadowed" when only
another entry of the same category matched the head. The rest are listed with the parse of
their first sentence so the data can be fixed (lemma form, particle, part of speech).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import dataclass

from eventwire.coding.ontology import PREPOSITIONS, LexiconEntry, load_lexicon
from eventwire.coding.triggers import TriggerIndex
from eventwire.nlp import load_pipeline

PARTICLES = frozenset("out down up off in back over away on".split())
IRREGULAR = {
    "take": ("took", "taken"), "hold": ("held", "held"), "strike": ("struck", "struck"),
    "send": ("sent", "sent"), "give": ("gave", "given"), "go": ("went", "gone"),
    "break": ("broke", "broken"), "cut": ("cut", "cut"), "set": ("set", "set"),
    "shut": ("shut", "shut"), "put": ("put", "put"), "lay": ("laid", "laid"),
    "let": ("let", "let"), "beat": ("beat", "beaten"), "shoot": ("shot", "shot"),
    "fight": ("fought", "fought"), "build": ("built", "built"), "seek": ("sought", "sought"),
    "withdraw": ("withdrew", "withdrawn"), "meet": ("met", "met"), "speak": ("spoke", "spoken"),
    "fly": ("flew", "flown"), "sit": ("sat", "sat"), "stand": ("stood", "stood"),
    "freeze": ("froze", "frozen"), "forgive": ("forgave", "forgiven"), "hit": ("hit", "hit"),
    "quit": ("quit", "quit"), "overrun": ("overran", "overrun"), "find": ("found", "found"),
    "lend": ("lent", "lent"), "bring": ("brought", "brought"), "win": ("won", "won"),
    "pay": ("paid", "paid"), "make": ("made", "made"), "seize": ("seized", "seized"),
    "rebuild": ("rebuilt", "rebuilt"), "sell": ("sold", "sold"), "test-fire": ("test-fired", "test-fired"),
    "run": ("ran", "run"), "lead": ("led", "led"), "bid": ("bid", "bid"), "wage": ("waged", "waged"),
}
DOUBLE = frozenset(
    "ban unban airdrop stab drop nab scrap slam snub shun slap commit patrol equip kidnap expel permit admit "
    "plan stop bar rob mob spur".split()
)
MASS = frozenset(
    "control fire aid assistance help relief food medicine shelter training asylum power custody "
    "access information intelligence support backing solidarity willingness readiness calm "
    "restraint mediation revenge retaliation action war regret amnesty security alert funding "
    "cooperation membership dialogue court violence unrest fighting gunfire shelling torture "
    "martial law censorship detention disarmament recognition praise blame criticism "
    "condemnation defiance opposition consensus".split()
)
PLURAL = frozenset(
    "troop talk sanction tie relation arm weapon rocket missile prisoner peacekeeper soldier "
    "reinforcement warship diplomat restriction consequence tariff import flight demand charge "
    "force street hostage bomb airstrike strike reservist".split()
)
# Hand-written sentences for entries the templates cannot phrase naturally, keyed by
# "words/pos" as in the lexicon files (head mark dropped).
SENTENCES: dict[str, list[str]] = {
    "take to street/verb": ["Thousands of people took to the streets of the capital."],
    "stag sit in/verb": ["Students staged a sit-in at the university."],
    "sit in/noun": ["The sit-in entered its second week."],
    "build up/noun": ["The military build-up along the border alarmed its neighbours."],
    "test fire missile/verb": ["North Korea test-fired a ballistic missile on Sunday."],
    "call off/verb": ["The union called off the strike after talks with the government."],
    "rape/noun": ["The rape of civilians by soldiers was condemned."],
    "forgive debt/verb": ["The lenders agreed to forgive the country's debt."],
    "rape/verb": ["Witnesses said soldiers rape women in the camps."],
    "rap/verb": ["Soldiers raped dozens of women in the village."],
    "sexually assault/verb": ["A guard sexually assaulted a detainee."],
    "ethnically cleanse/verb": ["The militia ethnically cleansed the valley."],
    "cordon off/verb": ["Police will cordon off the square before the march."],
    "unban/verb": ["The court may unban the party next month."],
    "agree to demand/verb": ["The government agreed to the demands of the strikers."],
    "fulfill demand/verb": ["The ministry will fulfill the demands of the teachers."],
    "stage exercise/verb": ["China will stage military exercises near the island."],
    "stage strike/verb": ["Dock workers will stage a strike next week."],
    "seek backing/verb": ["The president sought backing from parliament."],
    "call for end/verb": ["The bishops called for an end to the violence."],
    "relax sanction/verb": ["The government will relax sanctions on the country."],
}


@dataclass(frozen=True, slots=True)
class Result:
    entry: LexiconEntry
    sentences: tuple[str, ...]
    status: str  # "fires", "shadowed" or "never"
    shown: str  # the parse of the first sentence, for fixing the data


def past(verb: str) -> tuple[str, str]:
    if verb in IRREGULAR:
        return IRREGULAR[verb]
    if verb in DOUBLE:
        form = verb + verb[-1] + "ed"
    elif verb.endswith("e"):
        form = verb + "d"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        form = verb[:-1] + "ied"
    else:
        form = verb + "ed"
    return form, form


def plural(noun: str) -> str:
    if noun.endswith("s") and noun not in {"bus"}:
        return noun
    if noun.endswith(("sh", "ch", "x", "z")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def noun_phrase(noun: str) -> str:
    if noun in MASS:
        return noun
    if noun in PLURAL:
        return plural(noun)
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def render_after(words: tuple[str, ...]) -> str:
    """The words after a head as a phrase: particles and prepositions as they are, a noun with
    a determiner or in the plural, and a dangling preposition given an object."""
    out: list[str] = []
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else None
        if w in PREPOSITIONS or w in PARTICLES or w in {"guilty"}:
            out.append(w)
            if w in PREPOSITIONS and nxt is None:
                out.append("the rebels")
        elif out and out[-1] in PREPOSITIONS and out[-1] != "into":
            out.append(w if w in MASS or w in PLURAL else "the " + w)
        elif nxt is not None and nxt not in PREPOSITIONS and nxt not in PARTICLES:
            out.append(w)  # a modifier: "military aid", "hunger strike"
        else:
            out.append(noun_phrase(w))
    return " ".join(out)


def templates(e: LexiconEntry) -> list[str]:
    key = f"{' '.join(e.words)}/{e.pos}"
    sents = list(SENTENCES.get(key, ()))
    head = e.words[e.head]
    before, after = e.words[: e.head], e.words[e.head + 1 :]
    if e.pos == "verb":
        pt, pp = past(head)
        obj = plural(e.requires_object[0]) if e.requires_object else "the rebels"
        obj = obj if obj.startswith("the ") else "the " + obj
        rest = render_after(after)
        lead = " ".join(before)
        if e.requires_object:
            if rest:
                sents.append(f"The government {pt} {rest} {obj} this week.")
                sents.append(f"The government {pt} {obj} {rest} this week.")
            else:
                sents.append(f"The government {pt} {obj} this week.")
                sents.append(f"{obj.capitalize()} were {pp} by the government this week.")
        elif not after:
            sents.append(f"The government {pt} the rebels this week.")
            sents.append(f"The rebels were {pp} by the government this week.")
            sents.append(f"The government {pt} this week.")
        else:
            sents.append(f"The government {lead} {pt} {rest} this week.".replace("  ", " "))
            if after[-1] in PARTICLES:
                sents.append(f"The government {pt} {rest} the rebels this week.")
            if after[0] in PARTICLES and len(after) > 1:
                sents.append(f"The government {pt} {render_after(after[1:])} {after[0]} this week.")
    else:
        np_words = list(before) + [head]
        tail = render_after(after)
        bare = " ".join(np_words + ([tail] if tail else []))
        plural_np = " ".join(list(before) + [plural(head)] + ([tail] if tail else []))
        if e.requires_object:
            bare = f"{' '.join(np_words)} of the {plural(e.requires_object[0])}"
            plural_np = bare
        art = "an" if bare[0] in "aeiou" else "a"
        sents.append(f"The {bare} took place this week, officials said.")
        sents.append(f"Officials announced {art} {bare} this week.")
        sents.append(f"{plural_np.capitalize()} were reported this week.")
    return sents


def describe(doc) -> str:
    return " ".join(f"{t.text}/{t.lemma_}/{t.pos_}/{t.dep_}<{t.head.i}" for t in doc)


def audit(entries: tuple[LexiconEntry, ...], nlp) -> list[Result]:
    index = TriggerIndex(entries)
    plans = [(e, templates(e)) for e in entries]
    texts = [s for _, sents in plans for s in sents]
    docs = iter(nlp.pipe(texts, batch_size=256))
    results: list[Result] = []
    for e, sents in plans:
        status, first = "never", None
        for _ in sents:
            doc = next(docs)
            first = first or doc
            for sent in doc.sents:
                for m in index.find(sent):
                    if m.entry == e:
                        status = "fires"
                    elif status == "never" and m.entry.event_type == e.event_type and m.entry.words[m.entry.head] == e.words[e.head]:
                        status = "shadowed"
        results.append(Result(e, tuple(sents), status, describe(first) if first is not None else ""))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="show every sentence of a failure")
    parser.add_argument("--only", help="audit only entries containing this word")
    args = parser.parse_args()
    nlp = load_pipeline()
    entries = load_lexicon()
    if args.only:
        entries = tuple(e for e in entries if args.only in e.words)
    t0 = time.perf_counter()
    results = audit(entries, nlp)
    for r in results:
        if r.status != "fires":
            label = f"{r.entry.event_type:9} {' '.join(r.entry.words)}/{r.entry.pos}"
            print(f"{r.status:8} {label}")
            for s in r.sentences if args.verbose else r.sentences[:1]:
                print(f"         {s}")
            print(f"         {r.shown}")
    counts = Counter(r.status for r in results)
    print(f"{len(results)} entries: {counts['fires']} fire, {counts['shadowed']} shadowed, "
          f"{counts['never']} never ({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
