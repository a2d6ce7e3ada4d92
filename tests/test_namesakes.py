"""A small place the gazetteer knows in one governorate, named in an article about another: its namesake."""

from syria_corpus.gazetteer import geo_precision
from syria_corpus.nlp.analyse import analyse
from syria_corpus.read.segment import segment


def _places(nlp, text: str) -> list[tuple[str, str, float | None, str | None]]:
    result = analyse(nlp, segment(text))
    return sorted(
        (e.key, e.governorate, e.lat and round(e.lat, 2), geo_precision(e.kind, e.lat, e.governorate))
        for e in result.entities
        if e.type == "place"
    )


def test_a_district_named_in_another_governorates_article_is_that_governorates_namesake(nlp):
    assert _places(nlp, "Shelling hit the Midan district and Salaheddine in Aleppo, killing five.") == [
        ("place:aleppo-sy", "Aleppo", 36.2, "point"),
        ("place:midan-aleppo-sy", "Aleppo", None, "governorate"),
        ("place:salaheddine-sy", "Aleppo", 36.19, "point"),
    ]
    assert _places(nlp, "Car bombs in Damascus Midan district killed ten.") == [
        ("place:damascus-sy", "Damascus", 33.51, "point"),
        ("place:midan-sy", "Damascus", 33.49, "point"),
    ]


def test_a_town_is_a_namesake_only_where_the_text_places_it_as_a_quarter_or_near_another_place(nlp):
    assert _places(nlp, "SDF fighters took al-Safsafah near Tabqa in Raqqa province.") == [
        ("place:al-safsafah-raqqa-sy", "Raqqa", None, "governorate"),
        ("place:raqqa-governorate-sy", "Raqqa", 35.85, "governorate"),
        ("place:tabqa-sy", "Raqqa", 35.84, "point"),
    ]
    assert _places(nlp, "Warplanes hit Khan Sheikhoun. Damascus denied it.") == [
        ("place:damascus-sy", "Damascus", 33.51, "point"),
        ("place:khan-sheikhoun-sy", "Idlib", 35.44, "point"),
    ]


def test_a_round_up_can_name_two_namesakes_one_sentence_each(nlp):
    text = (
        "Rockets hit the neighborhoods of al-Hamadaniyeh and al-Midan in Aleppo city. In Damascus, a car bomb "
        "exploded in the Midan district. Clashes went on in Daraa."
    )
    result = analyse(nlp, segment(text))
    assert [(m.text, m.entity_key) for m in result.mentions if "Midan" in m.text] == [
        ("al-Midan", "place:midan-aleppo-sy"),
        ("Midan", "place:midan-sy"),
    ]
