import pytest

from conftest import SEED
from syria_corpus.dates import lead_date
from syria_corpus.read.segment import is_headline, normalise, parse_stamp, segment

RELATED = [
    "Kremlin Names Conditions to Resume Syrian Ceasefire",
    "Pentagon 'Succeeded in Ruining' Lavrov-Kerry Deal on Syria",
    "Deir ez-Zor Attack: US 'Still Sees Assad as Principal Problem' in Syria",
    "This is Why US-Led Airstrike on Syrian Troops 'Unlikely to Have Been Accident'",
]
TAGS = [
    "deal", "Syrian ceasefire", "Syrian crisis", "Syrian conflict", "Syrian Arab Army", "John Kirby",
    "Bashar al-Assad", "Vitaly Churkin", "Deir Ez-Zor", "Syria", "US", "Russia",
]  # fmt: skip


def test_seed_page_parts():
    page = segment(SEED.read_text(encoding="utf-8"))
    assert page.outlet == "Sputnik"
    assert page.published == "2021-01-23T21:12:00+00:00"
    assert page.title is None
    assert page.related_headlines == RELATED
    assert page.tags == TAGS
    assert page.furniture == ["Listen Live", "Get short URL", "Community standards", "Discussion"]
    assert page.body.startswith("The US-led airstrike on the Syrian Arab Army's base")
    assert normalise(page.body).endswith("we have been nothing but clear about Assad's illegitimacy.\"")
    assert len(page.paragraphs) == 10
    for start, end in page.paragraphs:
        assert page.body[start:end] == page.body[start:end].strip()
    assert "Listen Live" not in page.body and "Principal Problem" not in page.body


def test_body_keeps_original_characters_and_normalise_keeps_offsets():
    page = segment(SEED.read_text(encoding="utf-8"))
    assert "\u00a0" in page.body
    norm = normalise(page.body)
    assert len(norm) == len(page.body) and "\u00a0" not in norm


def test_stamp_forms():
    patterns = [r"^(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\s+(?P<year>\d{4})$"]
    assert parse_stamp("23 January 2021", patterns) == "2021-01-23"
    assert parse_stamp("23 Janvier 2021", patterns) is None


def test_headline_shape():
    assert is_headline("Kremlin Names Conditions to Resume Syrian Ceasefire")
    assert not is_headline("This is something that Washington does not seem to be ready to admit.")
    assert not is_headline("the strike hit a market in the north of the city")


def test_plain_text_without_profile_is_all_body():
    page = segment("Rebels said on Monday that the road was open.\n\nThe army denied it.")
    assert page.outlet is None and page.related_headlines == [] and page.tags == []
    assert page.body == "Rebels said on Monday that the road was open.\n\nThe army denied it."
    assert page.paragraphs == [(0, 45), (47, 66)]


def test_a_table_rows_opening_date_is_the_articles_whatever_stands_before_it():
    cases = {
        "Date of publication 5 July 2016 The bomber was on a motorcycle.": ("2016-07-05", "Date of publication 5 July 2016"),
        "Published July 21 2015 A young Syrian boy cries.": ("2015-07-21", "Published July 21 2015"),
        "Posted on July 2 2016 by Asharq Al-Awsat English Thirty killed.": ("2016-07-02", "Posted on July 2 2016"),
        "17-06-2016 7 Civilians Injured in New Terrorist Rocket Attack.": ("2016-06-17", "17-06-2016"),
        "Last updated at Apr 232017 The army said.": ("2017-04-23", "Last updated at Apr 232017"),
        "Syria rebel rocket kills five children AFP Sunday 26 Jul 2015 Rebel rocket fire.": (
            "2015-07-26", "Sunday 26 Jul 2015",
        ),
    }  # fmt: skip
    for text, (iso, written) in cases.items():
        lead = lead_date(text)
        assert (lead.iso, text[lead.span[0] : lead.span[1]]) == (iso, written)
        page = segment(text)
        assert page.published == iso and (lead.span[0], lead.span[1]) in page.excluded
    assert lead_date("Published research shows 12 people died.") is None


def test_the_stamp_after_a_rows_own_title_and_after_print_this_page_is_its_date():
    title = "Syrian Army Kills Dozens of al-Nusra Members in Adra Ambush"
    cases = {
        f"{title} Middle East Syria Military 07-08-2013 0147 PM A Syrian army unit killed dozens.": (
            "2013-08-07T13:47:00", "07-08-2013 0147 PM",
        ),
        f"{title} - Reports Sputnik Middle East 2159 18.05.2017(updated 2204 18.05.2017) Get short URL": (
            "2017-05-18", "18.05.2017",
        ),
        "Print this page Tuesday 19 July 2016 16:45 Russian Airstrikes Disrupt Ambulances.": (
            "2016-07-19T16:45:00", "Print this page Tuesday 19 July 2016 16:45",
        ),
    }  # fmt: skip
    for text, (iso, written) in cases.items():
        lead = lead_date(text, title)
        assert (lead.iso, text[lead.span[0] : lead.span[1]].strip()) == (iso, written)
    text = f"{title} The unit said the attack came on 5 July 2016, a week after the siege began."
    assert lead_date(text, title) is None and lead_date(text) is None


def test_a_table_rows_run_together_tags_related_headlines_and_furniture_are_found_by_its_outlet():
    sputnik = (
        "More than 100000 people have been killed so far. ... 43 Topic Violence Erupts as Islamic State Rises (1881) "
        "Related Kobani in Ruins After Anti-IS Airstrikes Tags Daesh airstrikes War on Terror Syrian Observatory for "
        "Human Rights Community standardsDiscussion Comment via FacebookComment via Sputnik News"
    )
    page = segment(sputnik, outlet="sputnik")
    assert page.tags == ["Daesh", "airstrikes", "War on Terror", "Syrian Observatory for Human Rights"]
    assert page.related_headlines == ["Kobani in Ruins After Anti-IS Airstrikes"]
    assert page.furniture == [
        "Community standardsDiscussion Comment via FacebookComment via Sputnik News",
        "... 43",
        "Topic Violence Erupts as Islamic State Rises (1881)",
    ]
    assert page.body == sputnik
    assert [page.body[a:b] for a, b in page.excluded][:2] == [
        "... 43",
        "Topic Violence Erupts as Islamic State Rises (1881)",
    ]
    assert page.body[page.excluded[-1][0] :].startswith("Related Kobani")

    alaraby = (
        "23 February 2015 The brigade has announced it killed several Nusra Front fighters. Tags Syria Free Syrian Army "
        "opposition groups Sawaiq al-Rahman brigade al-Nusra Front Idlib The Sawaiq al-Rahman brigade announced on "
        "Monday that it had killed six fighters."
    )
    page = segment(alaraby, outlet="alaraby")
    assert page.tags == [
        "Syria", "Free Syrian Army", "opposition groups", "Sawaiq al-Rahman", "brigade", "al-Nusra Front", "Idlib"
    ]  # fmt: skip
    assert [page.body[a:b] for a, b in page.excluded][-1].endswith("al-Nusra Front Idlib")
    sentence_in_tags = "Lead. Tags Syria Idlib Russian forces have returned to Aleppo. The raids went on."
    assert segment(sentence_in_tags, outlet="alaraby").tags == []  # no boundary a rule can trust: none taken

    trt = (
        "The statement said. Source TRTWorld and agencies Related News Iraqs vote violations | The global gag rule "
        "Category News Latest updates Idlib Connect with TRT World iOS Android"
    )
    page = segment(trt, outlet="trt")
    assert page.related_headlines == ["Iraqs vote violations", "The global gag rule"]
    assert page.furniture == [
        "Connect with TRT World iOS Android",
        "Source TRTWorld and agencies",
        "Category News Latest updates Idlib",
    ]


@pytest.mark.parametrize(
    ("text", "title", "published"),
    [
        # a scraper's file: title line, blank line, body, whatever the title's case
        ("Suicide bomber targets Syrian wedding 20 killed\n\n3 Oct 2016 At least 20 people were killed.",
         "Suicide bomber targets Syrian wedding 20 killed", "2016-10-03"),
        # some outlets end their titles in a full stop
        ("40 Syrians die in ammo depot blast.\n\nWed 31 Jul 2013 Forty people died in a blast in Homs.",
         "40 Syrians die in ammo depot blast.", "2013-07-31"),
        # no blank line after it and no headline case: the first line is the body's
        ("Forty people died in a blast in Homs on Wednesday.\nThe army blamed rebels.", None, None),
        # a first paragraph that quotes someone, or leads into what follows, is the body's
        ('"We will not leave Aleppo," Governor Hussein Diab said on Monday.\n\nHe spoke in Aleppo.', None, None),
        ("The timing does not surprise pollster Daron Shaw:\n\nThe candidates gained.", None, None),
    ],
)  # fmt: skip
def test_a_text_files_first_line_set_apart_is_its_title_and_the_opening_gives_its_date(
    tmp_path, text, title, published
):
    from syria_corpus.read.documents import read_document
    from syria_corpus.read.segment import segment_document

    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    page = segment_document(read_document(path))
    assert (page.title, (page.published or "")[:10] or None) == (title, published)


def test_a_table_rows_one_sentence_first_paragraph_stays_in_its_body():
    page = segment("Forty people died in a blast in Homs on Wednesday.\n\nThe army blamed rebels for the attack.")
    assert page.title is None
    assert page.body.startswith("Forty people died")
