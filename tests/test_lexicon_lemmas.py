"""The lexicon against the parser: triggers fire on the lemmas and trees spaCy really produces.

Each case is a plain news sentence, the category the coder must find and the trigger as
written (the matched words in sentence order). Negative cases use a trigger word in a sense
that is not that event.
"""

from __future__ import annotations

import pytest

from eventwire.coding.ontology import load_lexicon
from eventwire.coding.triggers import TriggerIndex, TriggerMatch

POSITIVE = [
    # ACCUSE
    ("The opposition accused the government of rigging the vote.", "ACCUSE", "accused"),
    ("Human rights groups condemned the killing of the journalist.", "ACCUSE", "condemned"),
    ("The minister was sharply criticised by lawmakers.", "ACCUSE", "criticised"),
    ("Washington criticized Beijing over its trade practices.", "ACCUSE", "criticized"),
    ("Critics lambasted the decision as reckless.", "ACCUSE", "lambasted"),
    ("Prosecutors charged the former mayor with fraud.", "ACCUSE", "charged"),
    ("The former president was indicted on bribery charges.", "ACCUSE", "indicted"),
    ("Police launched an investigation into the bombing.", "ACCUSE", "launched investigation"),
    ("The foreign ministry lodged a protest with the Chinese embassy.", "ACCUSE", "lodged protest"),
    ("The family sued the police department.", "ACCUSE", "sued"),
    ("A court found the general guilty of war crimes.", "ACCUSE", "found guilty"),
    ("The government blamed the rebels for the attack.", "ACCUSE", "blamed"),
    ("The allegations against the minister were denied.", "ACCUSE", "allegations"),
    ("An inquiry into the deaths was opened on Tuesday.", "ACCUSE", "inquiry"),
    # AGREE
    ("The two sides reached an agreement on prisoner exchanges.", "AGREE", "reached agreement"),
    ("Turkey struck a deal with the European Union on migrants.", "AGREE", "struck deal"),
    ("The warring parties agreed to a ceasefire.", "AGREE", "agreed ceasefire"),
    ("The president pledged to hold elections next year.", "AGREE", "pledged"),
    ("Negotiators hammered out a compromise overnight.", "AGREE", "hammered out"),
    ("Germany offered to mediate between the two sides.", "AGREE", "offered"),
    ("Japan pledged aid to the flood victims.", "AGREE", "pledged aid"),
    ("The rebels expressed willingness to negotiate.", "AGREE", "expressed willingness"),
    ("The prime minister invited the opposition leader to talks.", "AGREE", "invited"),
    ("The government accepted the proposal of the mediators.", "AGREE", "accepted proposal"),
    # AID
    ("The United Nations sent food aid to the famine-hit region.", "AID", "sent aid"),
    ("The European Union provided humanitarian assistance to refugees.", "AID", "provided assistance"),
    ("Rescue workers evacuated hundreds of residents from the flooded town.", "AID", "evacuated"),
    ("The IMF granted a loan to Pakistan.", "AID", "granted loan"),
    ("Aid agencies delivered food to the besieged city.", "AID", "delivered"),
    ("The United States supplied weapons to Ukraine.", "AID", "supplied weapons"),
    ("Germany took in more than a million refugees.", "AID", "took in"),
    ("Sweden granted asylum to the dissident.", "AID", "granted asylum"),
    ("The country received military aid from Washington.", "AID", "received aid"),
    ("The World Bank approved a bailout for the country.", "AID", "bailout"),
    # ASSAULT
    ("Rebels attacked an army base near the border.", "ASSAULT", "attacked"),
    ("An airstrike hit the village on Monday.", "ASSAULT", "airstrike"),
    ("Air strikes killed at least 12 people.", "ASSAULT", "Air strikes"),
    ("Troops opened fire on protesters in the capital.", "ASSAULT", "opened fire"),
    ("Gunmen shot dead two police officers.", "ASSAULT", "shot"),
    ("The army shelled rebel positions overnight.", "ASSAULT", "shelled"),
    ("Militants fired rockets at the city.", "ASSAULT", "fired rockets"),
    ("Clashes between police and protesters left dozens injured.", "ASSAULT", "Clashes"),
    ("Gunmen kidnapped three aid workers.", "ASSAULT", "kidnapped"),
    ("Warplanes carried out air strikes on the town.", "ASSAULT", "carried out air strikes"),
    ("A suicide bombing killed 20 people at a market.", "ASSAULT", "suicide bombing"),
    ("Insurgents ambushed a military convoy.", "ASSAULT", "ambushed"),
    ("Russian forces invaded the country in February.", "ASSAULT", "invaded"),
    ("Both sides violated the ceasefire within hours.", "ASSAULT", "violated ceasefire"),
    ("A car bomb exploded outside the ministry.", "ASSAULT", "car bomb"),
    ("The opposition leader was assassinated in his home.", "ASSAULT", "assassinated"),
    ("Air defences shot down a drone over the capital.", "ASSAULT", "shot down"),
    ("The rape of civilians by soldiers was condemned.", "ASSAULT", "rape"),
    # COERCE
    ("Police arrested dozens of protesters.", "COERCE", "arrested"),
    ("Three journalists were detained at the airport.", "COERCE", "detained"),
    ("Security forces cracked down on the demonstrators.", "COERCE", "cracked down"),
    ("The authorities imposed a curfew in the city.", "COERCE", "imposed curfew"),
    ("Rebels seized control of the airport.", "COERCE", "seized control"),
    ("The militia took control of the town on Monday.", "COERCE", "took control"),
    ("The government banned the opposition party.", "COERCE", "banned"),
    ("Police dispersed the protesters with tear gas.", "COERCE", "dispersed"),
    ("The authorities shut down the newspaper.", "COERCE", "shut down"),
    ("Thousands of migrants were deported last year.", "COERCE", "deported"),
    ("The president declared a state of emergency.", "COERCE", "state of emergency"),
    ("Police raided the offices of the opposition party.", "COERCE", "raided"),
    ("The court sentenced the activist to five years in prison.", "COERCE", "sentenced"),
    ("Russia annexed Crimea in 2014.", "COERCE", "annexed"),
    # CONCEDE
    ("The union called off the strike after talks.", "CONCEDE", "called off"),
    ("The president pardoned 200 prisoners.", "CONCEDE", "pardoned"),
    ("The government lifted the ban on public gatherings.", "CONCEDE", "lifted ban"),
    ("The government eased restrictions on travel.", "CONCEDE", "eased restrictions"),
    ("The minister apologised for the remarks.", "CONCEDE", "apologised"),
    ("The army declared a unilateral ceasefire.", "CONCEDE", "declared ceasefire"),
    ("The government backed down after weeks of protests.", "CONCEDE", "backed down"),
    ("The council scrapped the plan after an outcry.", "CONCEDE", "scrapped"),
    ("The prosecutor dropped the charges against the activists.", "CONCEDE", "dropped"),
    # CONSULT
    ("The foreign ministers met in Brussels on Tuesday.", "CONSULT", "met"),
    ("Israel and Hamas held indirect talks in Cairo.", "CONSULT", "held talks"),
    ("Talks between the two sides resumed in Geneva.", "CONSULT", "Talks between"),
    ("The president visited Paris last week.", "CONSULT", "visited"),
    ("The two leaders discussed trade and security.", "CONSULT", "discussed"),
    ("Qatar mediated between the two sides.", "CONSULT", "mediated"),
    ("The envoy flew to Moscow for consultations.", "CONSULT", "flew to"),
    ("Egypt hosted the peace conference.", "CONSULT", "hosted"),
    ("The president held a phone call with his Turkish counterpart.", "CONSULT", "held call"),
    ("The king received a delegation from Jordan.", "CONSULT", "received"),
    ("The negotiations stalled over the border issue.", "CONSULT", "negotiations"),
    ("The summit ended without a joint statement.", "CONSULT", "summit"),
    # COOPERATE
    ("The two countries agreed to cooperate on counterterrorism.", "COOPERATE", "cooperate"),
    ("France and Germany joined forces to fight the virus.", "COOPERATE", "joined forces"),
    ("The two navies held joint exercises in the Gulf.", "COOPERATE", "held joint exercises"),
    ("Spain extradited the suspect to the United States.", "COOPERATE", "extradited"),
    ("The agencies shared intelligence on the plot.", "COOPERATE", "shared intelligence"),
    ("The two countries agreed to deepen cooperation in energy.", "COOPERATE", "deepen"),
    ("Police handed over the suspect to Interpol.", "COOPERATE", "handed over"),
    # MOBILIZE
    ("Russia deployed troops along the border.", "MOBILIZE", "deployed"),
    ("The United States sent troops to the region.", "MOBILIZE", "sent troops"),
    ("The army massed tanks near the frontier.", "MOBILIZE", "massed"),
    ("North Korea test-fired a ballistic missile on Sunday.", "MOBILIZE", "test fired missile"),
    ("The military build-up along the border alarmed its neighbours.", "MOBILIZE", "build up"),
    ("Police stepped up security ahead of the vote.", "MOBILIZE", "stepped up security"),
    ("Turkey scrambled jets after the airspace violation.", "MOBILIZE", "scrambled"),
    ("The government called up reservists.", "MOBILIZE", "called up"),
    # PROTEST
    ("Thousands of people protested against the new law.", "PROTEST", "protested"),
    ("Thousands took to the streets of the capital.", "PROTEST", "took to streets"),
    ("Teachers went on strike over pay.", "PROTEST", "went on strike"),
    ("Students staged a sit-in at the university.", "PROTEST", "staged sit in"),
    ("Demonstrators blocked the main highway for hours.", "PROTEST", "blocked highway"),
    ("The protests spread to several cities.", "PROTEST", "protests"),
    ("Riots broke out in the capital.", "PROTEST", "Riots"),
    ("The strike by teachers entered its third day.", "PROTEST", "strike by teachers"),
    ("A general strike paralysed the country.", "PROTEST", "general strike"),
    ("Prisoners went on hunger strike.", "PROTEST", "went on hunger strike"),
    ("Supporters held a vigil outside the prison.", "PROTEST", "held vigil"),
    # REJECT
    ("The government rejected the proposal.", "REJECT", "rejected"),
    ("The rebels turned down the offer of talks.", "REJECT", "turned down"),
    ("Russia vetoed the resolution.", "REJECT", "vetoed"),
    ("The minister ruled out early elections.", "REJECT", "ruled out"),
    ("The ministry dismissed the allegations as baseless.", "REJECT", "dismissed"),
    ("The opposition boycotted the talks.", "REJECT", "boycotted talks"),
    ("The army denied access to the journalists.", "REJECT", "denied access"),
    ("Lawmakers voted against the bill.", "REJECT", "voted against"),
    ("The president refused to resign.", "REJECT", "refused"),
    # REQUEST
    ("The United Nations urged both sides to show restraint.", "REQUEST", "urged"),
    ("The European Union called for an immediate ceasefire.", "REQUEST", "called for ceasefire"),
    ("The president called on the rebels to lay down their arms.", "REQUEST", "called on"),
    ("The families demanded the release of the hostages.", "REQUEST", "demanded release"),
    ("The government appealed for international aid.", "REQUEST", "appealed for aid"),
    ("The country sought the extradition of the businessman.", "REQUEST", "sought extradition"),
    ("Kenya requested assistance from its neighbours.", "REQUEST", "requested assistance"),
    ("Activists pressed for political reforms.", "REQUEST", "pressed for"),
    # RETREAT
    ("Troops withdrew from the town on Friday.", "RETREAT", "withdrew"),
    ("Foreign forces pulled out of the country.", "RETREAT", "pulled out"),
    ("The rebels released three hostages.", "RETREAT", "released"),
    ("The release of the prisoners was delayed.", "RETREAT", "release of prisoners"),
    ("The hostage release took place in Doha.", "RETREAT", "hostage release"),
    ("The prime minister resigned on Thursday.", "RETREAT", "resigned"),
    ("The president stepped down after mass protests.", "RETREAT", "stepped down"),
    ("The United States lifted sanctions on the country.", "RETREAT", "lifted sanctions"),
    ("The militants laid down their weapons.", "RETREAT", "laid down"),
    ("The two sides swapped prisoners at the border.", "RETREAT", "swapped prisoners"),
    ("Israel reopened the border crossing.", "RETREAT", "reopened"),
    # SANCTION
    ("The European Union imposed sanctions on Russian officials.", "SANCTION", "imposed sanctions"),
    ("Morocco severed ties with Iran.", "SANCTION", "severed ties"),
    ("The country expelled two Russian diplomats.", "SANCTION", "expelled diplomats"),
    ("The country recalled its ambassador from Paris.", "SANCTION", "recalled ambassador"),
    ("Washington suspended military aid to the country.", "SANCTION", "suspended military aid"),
    ("The government froze the assets of the oligarchs.", "SANCTION", "froze"),
    ("The country broke off diplomatic relations with Qatar.", "SANCTION", "broke off relations"),
    ("The arms embargo on the country remains in force.", "SANCTION", "embargo"),
    # SUPPORT
    ("The president praised the work of the rescue teams.", "SUPPORT", "praised"),
    ("The two countries signed a trade agreement.", "SUPPORT", "signed"),
    ("Parliament ratified the treaty on Wednesday.", "SUPPORT", "ratified"),
    ("The United States recognized the new government.", "SUPPORT", "recognized"),
    ("Israel and the UAE established diplomatic relations in 2020.", "SUPPORT", "established relations"),
    ("The minister expressed support for the peace plan.", "SUPPORT", "expressed support"),
    ("The leaders welcomed the agreement.", "SUPPORT", "welcomed"),
    ("The foreign minister thanked Qatar for its mediation.", "SUPPORT", "thanked"),
    # THREATEN
    ("North Korea threatened to strike the United States.", "THREATEN", "threatened"),
    ("Iran warned of retaliation if attacked.", "THREATEN", "warned of retaliation"),
    ("The president threatened sanctions against the country.", "THREATEN", "threatened sanctions"),
    ("The rebels issued an ultimatum to the government.", "THREATEN", "issued ultimatum"),
    ("The militia vowed revenge for the killing.", "THREATEN", "vowed revenge"),
    ("The threat of war hangs over the region.", "THREATEN", "threat"),
]

NEGATIVE = [
    ("The company released its quarterly results.", "RETREAT"),
    ("The band released a new album.", "RETREAT"),
    ("He called his mother.", "REQUEST"),
    ("The strike by teachers entered its third day.", "ASSAULT"),
    ("Workers went on strike over pay.", "ASSAULT"),
    ("The company provided a statement to reporters.", "AID"),
    ("The minister sent a letter to the council.", "MOBILIZE"),
    ("The company launched a new phone.", "ASSAULT"),
    ("Prices hit a record high.", "ASSAULT"),
    ("The storm killed two people.", "SANCTION"),
    ("She signed the guest book.", "SUPPORT"),
    ("The team beat its rivals on Sunday.", "ASSAULT"),
    ("The company dismissed its chief executive.", "REJECT"),
    ("The factory froze hiring.", "SANCTION"),
    ("Sales dropped sharply in March.", "CONCEDE"),
    ("The festival drew large crowds.", "PROTEST"),
    ("The firm cancelled its order.", "REJECT"),
    ("The river returned to its normal level.", "RETREAT"),
    ("Investors sought higher returns.", "REQUEST"),
    ("The bank deposited the money.", "AID"),
    ("The museum received thousands of visitors.", "CONSULT"),
    ("The firm held its annual meeting of shareholders in a hotel.", "COERCE"),
]


@pytest.fixture(scope="module")
def index() -> TriggerIndex:
    return TriggerIndex(load_lexicon())


@pytest.fixture(scope="module")
def parsed(nlp):
    """Every case parsed once, in one batch."""
    texts = sorted({s for s, *_ in POSITIVE} | {s for s, _ in NEGATIVE})
    return dict(zip(texts, nlp.pipe(texts)))


def matches(parsed, index: TriggerIndex, sentence: str) -> list[TriggerMatch]:
    return [m for sent in parsed[sentence].sents for m in index.find(sent)]


def test_table_covers_every_category() -> None:
    categories = {e.event_type for e in load_lexicon()}
    assert {t for _, t, _ in POSITIVE} == categories
    assert len(POSITIVE) >= 120


@pytest.mark.parametrize(("sentence", "event_type", "trigger"), POSITIVE)
def test_trigger_fires(parsed, index, sentence: str, event_type: str, trigger: str) -> None:
    found = [(m.entry.event_type, m.text()) for m in matches(parsed, index, sentence)]
    assert (event_type, trigger) in found, found


@pytest.mark.parametrize(("sentence", "event_type"), NEGATIVE)
def test_other_sense_does_not_fire(parsed, index, sentence: str, event_type: str) -> None:
    found = [(m.entry.event_type, m.text()) for m in matches(parsed, index, sentence)]
    assert event_type not in {t for t, _ in found}, found
