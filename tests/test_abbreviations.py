from syria_corpus.nlp.abbreviations import defined
from syria_corpus.nlp.analyse import analyse
from syria_corpus.read.segment import segment


def test_a_bracketed_abbreviation_defines_the_name_written_before_it(nlp):
    doc = nlp(
        "The Syrian Observatory for Human Rights (SOHR) and the International Federation of Red Cross and Red "
        "Crescent Societies (IFRC) spoke. Russian jets struck (AFP) the town. The Kurdistan Workers Party (PKK) "
        "fought. He met the rebels (FSA) there."
    )
    assert {doc[i].text: long.text for i, long in defined(doc).items()} == {
        "SOHR": "Syrian Observatory for Human Rights",
        "IFRC": "International Federation of Red Cross and Red Crescent Societies",
    }


def test_an_organisation_the_model_cut_is_made_whole_by_its_abbreviation(nlp):
    text = (
        "The toll was calculated by the Syrian Association for Missing and Conscience Detainees (SAFMCD) which "
        "was formed by an opposition body. The International Federation of Red Cross and Red Crescent "
        "Societies (IFRC) said in a statement."
    )
    result = analyse(nlp, segment(text))
    assert sorted((e.type, e.name) for e in result.entities) == [
        ("org", "International Federation of Red Cross and Red Crescent Societies"),
        ("org", "Syrian Association for Missing and Conscience Detainees"),
    ]


def test_an_abbreviation_names_the_body_it_abbreviates_in_the_rest_of_the_article(nlp):
    text = (
        "The hospitals were hit, the Independent Doctors Association (IDA) a group of Syrian doctors said. "
        "The IDA said the four hospitals would all be going out of service."
    )
    result = analyse(nlp, segment(text))
    assert [(e.name, sorted(e.aliases)) for e in result.entities] == [("Independent Doctors Association", ["IDA"])]
    assert [(q.speaker, q.speaker_mention) for q in result.quotes] == [("Independent Doctors Association", "IDA")]
