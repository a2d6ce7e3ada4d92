from conftest import SEED
from syria_corpus.dates import lead_date
from syria_corpus.segment import is_headline, normalise, parse_stamp, segment

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
