"""The exports of the tools researchers collect news with, read without flags: news-please, trafilatura,
Media Cloud and GDELT article lists, written here as those tools write them."""

import csv
import json

from typer.testing import CliRunner

from conftest import stored_articles
from syria_corpus.cli import app
from syria_corpus.dates import parse_date

BODY = "Air strikes on a market in Idlib killed at least 21 civilians on Sunday, the Syrian Observatory said."


def test_a_news_please_article(tmp_path):
    path = tmp_path / "article.json"
    path.write_text(json.dumps({
        "authors": ["Ellen Francis", "Tom Perry"], "date_download": "2017-04-06 09:00:00",
        "date_publish": "2017-04-05 10:12:00", "description": "Strikes on Idlib", "language": "en",
        "maintext": BODY, "source_domain": "www.reuters.com", "title": "Strikes hit Idlib market",
        "url": "https://www.reuters.com/article/idlib-market",
    }))  # fmt: skip
    assert stored_articles(tmp_path, path) == [
        ("Strikes hit Idlib market", "2017-04-05T10:12:00", "https://www.reuters.com/article/idlib-market",
         "Reuters", "Ellen Francis, Tom Perry", BODY)
    ]  # fmt: skip


def test_trafilatura_json_lines_whose_source_is_an_address(tmp_path):
    path = tmp_path / "pages.jsonl"
    rows = [
        {"title": "Strikes hit Idlib market", "author": "Staff", "hostname": "trtworld.com", "date": "2017-04-05",
         "source": "https://www.trtworld.com/mea/idlib-market", "text": BODY, "fingerprint": "abc"},
        {"title": "Talks resume", "date": "2016-03-02", "source": "https://example.org/talks", "text": BODY + " Again."},
    ]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert stored_articles(tmp_path, path) == [
        ("Strikes hit Idlib market", "2017-04-05", "https://www.trtworld.com/mea/idlib-market", "TRT World", "Staff", BODY),
        ("Talks resume", "2016-03-02", "https://example.org/talks", "example.org", None, BODY + " Again."),
    ]  # fmt: skip


def test_a_media_cloud_story_list_with_text_names_its_outlet(tmp_path):
    path = tmp_path / "stories.csv"
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["stories_id", "publish_date", "title", "url", "media_name", "media_url", "story_text"])
        w.writerow(["1923", "2016-10-03 08:00:00", "Wedding bombing", "https://www.aljazeera.com/news/wedding",
                    "Al Jazeera English", "https://www.aljazeera.com", BODY])  # fmt: skip
    assert stored_articles(tmp_path, path) == [
        ("Wedding bombing", "2016-10-03T08:00:00", "https://www.aljazeera.com/news/wedding", "Al Jazeera English",
         None, BODY)
    ]  # fmt: skip


def test_a_table_with_only_an_address_takes_the_outlet_of_its_site(tmp_path):
    path = tmp_path / "links.csv"
    path.write_text(
        f"title,link,content\nAid enters Madaya,https://sputniknews.com/a,{BODY}\nTalks,https://www.sana.sy/en/?p=1,{BODY}!\n"
    )
    assert [row[3] for row in stored_articles(tmp_path, path)] == [
        "Sputnik",
        "sana.sy",
    ]  # a site with no profile: its name


def test_a_gdelt_article_list_has_no_text_and_says_so(tmp_path):
    path = tmp_path / "gdelt.csv"
    path.write_text(
        "url,url_mobile,title,seendate,socialimage,domain,language,sourcecountry\n"
        "https://www.reuters.com/a,,Strikes hit Idlib,20170405T101500Z,,reuters.com,English,United States\n"
    )
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "corpus.db"), "ingest", str(path), "--workers", "0"])
    assert (result.exit_code, type(result.exception)) == (1, SystemExit)
    assert result.stderr == (
        f"Error: {path}: a list of links without the articles' text (columns: url, url_mobile, title, seendate, "
        "socialimage, domain, language, sourcecountry); fetch the pages first (e.g. wget --warc-file) and ingest "
        "the archive, or name the text column with --text-column\n"
    )


def test_gdelt_s_seen_date_is_a_date():
    assert parse_date("20170405T101500Z").iso == "2017-04-05T10:15:00+00:00"
    assert parse_date("a run of 20170405 digits") is None
