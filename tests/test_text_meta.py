"""What a plain-text file states about itself: front matter, a sidecar NAME.json, Source:/By/address lines."""

import json
import sqlite3

from typer.testing import CliRunner

from conftest import stored_articles
from syria_corpus.cli import app

WEDDING = (
    "At least 20 people were killed when a suicide bomber struck a wedding in Hasakah, the Syrian Observatory said."
)
FRONT = f"""---
title: "Suicide bomber targets wedding"
date: 2016-10-03
url: https://www.trtworld.com/mea/wedding
authors: [Anne Barnard, Hwaida Saad]
---
{WEDDING}
"""


def test_front_matter_states_the_fields_and_is_not_text(tmp_path):
    (tmp_path / "a.txt").write_text(FRONT)
    assert stored_articles(tmp_path, tmp_path / "a.txt") == [
        ("Suicide bomber targets wedding", "2016-10-03", "https://www.trtworld.com/mea/wedding", "TRT World",
         "Anne Barnard, Hwaida Saad", WEDDING)
    ]  # fmt: skip


def test_a_sidecar_wins_over_front_matter_and_is_no_table_of_its_own(tmp_path):
    (tmp_path / "a.txt").write_text(FRONT)
    sidecar = {
        "headline": "Wedding attack in Hasakah",
        "date_publish": "2016-10-04 08:00:00",
        "source_domain": "reuters.com",
    }
    (tmp_path / "a.json").write_text(json.dumps(sidecar))
    (tmp_path / "b.json").write_text(json.dumps([{"text": "Delegates met in Geneva on Tuesday, the envoy said."}]))
    assert stored_articles(tmp_path, tmp_path) == [
        # the sidecar's fields first (its site gives the outlet), the front matter's for the rest
        ("Wedding attack in Hasakah", "2016-10-04T08:00:00", "https://www.trtworld.com/mea/wedding", "Reuters",
         "Anne Barnard, Hwaida Saad", WEDDING),
        (None, None, None, None, None, "Delegates met in Geneva on Tuesday, the envoy said."),  # a table beside no text
    ]  # fmt: skip


def test_a_text_that_repeats_its_stated_title_keeps_it_out_of_the_body(tmp_path):
    (tmp_path / "c.txt").write_text(f"Talks on Homs resume\n\n{WEDDING}\n")
    (tmp_path / "c.json").write_text(json.dumps({"title": "Talks on Homs resume", "outlet": "Sputnik"}))
    assert stored_articles(tmp_path, tmp_path / "c.txt") == [
        ("Talks on Homs resume", None, None, "Sputnik", None, WEDDING)
    ]


def test_source_byline_and_address_lines_state_outlet_author_and_url(tmp_path):
    (tmp_path / "b.txt").write_text(
        "Aid convoy enters Madaya\nSource: Reuters\nBy Tom Perry and Ellen Francis\n"
        "https://www.reuters.com/article/madaya\n\nBy Sunday, the convoy had reached the town, the United Nations said.\n"
    )
    assert stored_articles(tmp_path, tmp_path / "b.txt") == [
        ("Aid convoy enters Madaya", None, "https://www.reuters.com/article/madaya", "Reuters",
         "Tom Perry, Ellen Francis", "By Sunday, the convoy had reached the town, the United Nations said.")
    ]  # fmt: skip


def test_a_byline_names_the_outlet_it_ends_with(tmp_path):
    (tmp_path / "d.txt").write_text(f"Wedding attack\n\nBy Anne Barnard, Reuters\n\n{WEDDING}\n")
    assert stored_articles(tmp_path, tmp_path / "d.txt")[0][3:] == ("Reuters", "Anne Barnard", WEDDING)


def test_bad_front_matter_and_a_bad_sidecar_are_one_line_each_and_the_text_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(f"---\ntitle: [unclosed\n---\n{WEDDING}\n")
    (tmp_path / "b.txt").write_text(f"A title\n\n{WEDDING}\n")
    (tmp_path / "b.json").write_text("{not json")
    db = tmp_path / "corpus.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", str(tmp_path), "--workers", "0", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Warning: {tmp_path}/a.txt: front matter is not valid YAML (expected ',' or ']', but got '<stream end>'); "
        "read as plain text",
        f"Warning: {tmp_path}/b.txt: its sidecar b.json cannot be read (Expecting property name enclosed in double "
        "quotes at line 1); the text is read alone",
    ]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*), sum(body like '%suicide bomber%') from articles").fetchone() == (2, 2)
