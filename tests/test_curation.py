"""Corrections a research team can make, undo, share and re-apply: every other entity stays as it was."""

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from conftest import assert_entity_counts, docs_folder, ingested
from syria_corpus.cli import app
from syria_corpus.errors import CorpusError
from syria_corpus.ingest import ingest
from syria_corpus.store import curation
from syria_corpus.store.schema import open_db

runner = CliRunner()

DOCS = {
    "a.txt": (
        '"Nine people were killed in the market," Rami Abdel Rahman, head of the Syrian Observatory for Human '
        "Rights, told AFP. Omar Hamdan, a local council member, said the town of Douma was also hit."
    ),
    "b.txt": '"The shelling went on all night," Rami Abdul-Rahman said on Tuesday in Idlib.',
    "c.txt": (
        '"We will not leave," Syrian President Bashar al-Assad said in Damascus. "Twelve fighters died near Hama," '
        "the Britain-based monitor said."
    ),
}


@pytest.fixture
def corpus(tmp_path):
    return ingested(tmp_path, DOCS), tmp_path / "docs"


def state(db) -> dict:
    """Everything a correction may touch, entity by entity."""
    with sqlite3.connect(db) as conn:
        entities = {
            r[0]: {"type": r[1], "name": r[2], "mentions": r[3], "articles": r[4], "aliases": []}
            for r in conn.execute("select id, type, name, mentions, articles from entities")
        }
        for eid, alias in conn.execute("select entity_id, alias from aliases order by alias"):
            entities[eid]["aliases"].append(alias)
        quotes = {r[0]: (r[1], r[2]) for r in conn.execute("select id, speaker_id, speaker from quotes")}
        links = sorted(conn.execute("select article_id, entity_id, mentions from article_entities"))
    return {"entities": entities, "quotes": quotes, "links": links}


def others(s: dict, *ids: str) -> dict:
    return {k: v for k, v in s["entities"].items() if k not in ids}


def reingest(db, folder):
    ingest(db, [folder], workers=0, force=True)


def test_alias_add_and_remove_leave_every_other_entity_as_it_was(corpus):
    db, folder = corpus
    before = state(db)
    sohr = "org:syrian-observatory-for-human-rights"
    change = curation.add_alias(open_db(db), "the Britain-based monitor", "Syrian Observatory for Human Rights")
    assert change.aliases_added == ("the Britain-based monitor",) and change.quotes_reattributed == 0
    reingest(db, folder)
    after = state(db)
    assert others(after, sohr) == others(before, sohr)
    assert (
        after["entities"]["person:bashar-al-assad"]["aliases"]
        == before["entities"]["person:bashar-al-assad"]["aliases"]
    )
    assert "the Britain-based monitor" in after["entities"][sohr]["aliases"]
    curation.remove_alias(open_db(db), "the Britain-based monitor", "Syrian Observatory for Human Rights")
    reingest(db, folder)
    assert state(db)["entities"] == before["entities"]


def test_merge_and_unmerge_restore_the_corpus_exactly(corpus):
    db, folder = corpus
    before = state(db)
    preview = curation.merge(open_db(db), "Omar Hamdan", "Rami Abdel Rahman", dry_run=True)
    assert (preview.dry_run, preview.entities_removed) == (True, ("person:omar-hamdan",))
    assert state(db) == before
    change = curation.merge(open_db(db), "Omar Hamdan", "Rami Abdel Rahman")
    assert change.entities_removed == ("person:omar-hamdan",) and change.quotes_reattributed == 1
    assert "Omar Hamdan" in state(db)["entities"]["person:rami-abdel-rahman"]["aliases"]
    merged = state(db)["entities"]["person:rami-abdel-rahman"]
    rami, omar = before["entities"]["person:rami-abdel-rahman"], before["entities"]["person:omar-hamdan"]
    assert merged["mentions"] == rami["mentions"] + omar["mentions"]
    assert_entity_counts(open_db(db))
    restored = curation.unmerge(open_db(db), "Omar Hamdan", "Rami Abdel Rahman")
    assert restored.entities_restored == ("person:omar-hamdan",) and restored.quotes_reattributed == 1
    assert state(db) == before
    reingest(db, folder)
    assert state(db) == before


def test_an_unmerge_after_a_reingest_restores_the_corpus_and_the_next_reingest_works(tmp_path):
    """An ingest between the merge and the unmerge writes the source's mentions under the target, with ids
    the merge never recorded: the unmerge gives them back by how the articles wrote the source, and a later
    `--force` ingest neither fails on an entity still linked elsewhere nor finds the source under the target."""
    docs = {
        "a.txt": "US Secretary of State John Kerry met British Foreign Secretary Boris Johnson in London on Monday. "
        '"Those responsible must be held to account," Boris Johnson said. Kerry said the talks in Geneva would resume.',
        "b.txt": "British Foreign Secretary Boris Johnson visited an aid hub near Aleppo on Tuesday. Johnson then flew "
        "to Ankara.",
        "c.txt": "US Secretary of State John Kerry said on Wednesday that the ceasefire in Homs was holding.",
    }
    db = ingested(tmp_path, docs)
    folder = tmp_path / "docs"
    before = state(db)
    assert before["entities"]["person:boris-johnson"]["mentions"] == 4
    curation.merge(open_db(db), "Boris Johnson", "John Kerry")
    reingest(db, folder)
    restored = curation.unmerge(open_db(db), "Boris Johnson", "John Kerry")
    assert restored.aliases_removed == ("Boris Johnson", "Johnson")
    assert state(db) == before
    assert_entity_counts(open_db(db))
    reingest(db, folder)
    assert state(db) == before


def test_retype_and_delete_stick_across_reingest_and_touch_nothing_else(corpus):
    db, folder = corpus
    before = state(db)
    curation.retype(open_db(db), "Omar Hamdan", "org")
    curation.delete(open_db(db), "Douma")
    reingest(db, folder)
    after = state(db)
    douma = next(k for k, v in before["entities"].items() if v["name"] == "Douma")
    assert after["entities"]["person:omar-hamdan"]["type"] == "org" and douma not in after["entities"]
    assert others(after, "person:omar-hamdan") == others(before, "person:omar-hamdan", douma)
    assert after["quotes"] == before["quotes"]
    with pytest.raises(CorpusError) as e:
        curation.retype(open_db(db), "Omar Hamdan", "building")
    assert str(e.value) == "no entity type 'building': choose one of person, org, place"


def test_export_and_import_give_another_corpus_the_same_corrections(corpus, tmp_path):
    db, folder = corpus
    run = lambda d, *a: runner.invoke(app, ["--db", str(d), *a])  # noqa: E731
    assert run(db, "merge", "Omar Hamdan", "Rami Abdel Rahman").exit_code == 0
    assert run(db, "alias", "add", "the Observatory", "Syrian Observatory for Human Rights").exit_code == 0
    assert run(db, "entity", "delete", "Douma").exit_code == 0
    exported = tmp_path / "corrections.json"
    assert run(db, "curation", "export", "-o", str(exported)).exit_code == 0
    records = json.loads(exported.read_text())
    assert [(r["action"], r["subject"]) for r in records] == [
        ("merge", "person:omar-hamdan"), ("alias", "the Observatory"), ("delete", "place:douma-sy"),
    ]  # fmt: skip
    other = tmp_path / "other.db"
    ingest(other, [folder], workers=0)
    result = run(other, "curation", "import", str(exported))
    assert (result.exit_code, result.output) == (
        0,
        "3 corrections applied, 0 already in effect, 0 waiting for an ingest to bring their entities\n",
    )
    assert state(other)["entities"] == state(db)["entities"]
    again = run(other, "curation", "import", str(exported))
    assert (
        again.output == "0 corrections applied, 3 already in effect, 0 waiting for an ingest to bring their entities\n"
    )


def test_dry_run_and_refusals_on_the_command_line(corpus):
    db, _ = corpus
    before = state(db)
    run = lambda *a: runner.invoke(app, ["--db", str(db), *a])  # noqa: E731
    dry = run("merge", "Omar Hamdan", "Rami Abdel Rahman", "--dry-run")
    assert dry.exit_code == 0 and dry.output == (
        "merged 'Omar Hamdan' into Rami Abdel Rahman (person:rami-abdel-rahman); would change (dry run, nothing "
        "written): entities removed: person:omar-hamdan; aliases added: Omar Hamdan; 1 quotes re-attributed\n"
    )
    assert state(db) == before
    assert run("unmerge", "Omar Hamdan", "Rami Abdel Rahman").output == (
        "Error: no merge of 'Omar Hamdan' into Rami Abdel Rahman to undo\n"
    )
    assert run("alias", "remove", "Nobody", "Rami Abdel Rahman").output == (
        "Error: Rami Abdel Rahman has no alias 'Nobody'\n"
    )
    assert run("alias", "add", " ", "Rami Abdel Rahman").exit_code == 1
    taken = run("entity", "rename", "Omar Hamdan", "rami abdel rahman")  # a name another entity has
    assert (taken.exit_code, taken.output) == (
        1,
        "Error: 'Rami Abdel Rahman' already names person:rami-abdel-rahman; to make them one: merge 'Omar Hamdan' "
        "'Rami Abdel Rahman'\n",
    )
    assert state(db) == before


def test_a_removed_knowledge_base_alias_stays_removed_after_reingest(corpus):
    db, folder = corpus
    assert "Assad" in state(db)["entities"]["person:bashar-al-assad"]["aliases"]
    curation.remove_alias(open_db(db), "Assad", "Bashar al-Assad")
    reingest(db, folder)
    aliases = state(db)["entities"]["person:bashar-al-assad"]["aliases"]
    assert "Assad" not in aliases and "al-Assad" in aliases
    curation.add_alias(open_db(db), "Assad", "Bashar al-Assad")
    reingest(db, folder)
    assert "Assad" in state(db)["entities"]["person:bashar-al-assad"]["aliases"]


EVENT_DOCS = {
    "strike.txt": (
        "Air strikes on Saraqeb\n\nSyrian government air strikes killed at least 20 people in Saraqeb in Idlib "
        "province on Tuesday, the Syrian Observatory for Human Rights said. Omar Hamdan, a local council member, "
        "said the market was hit."
    ),
    "talks.txt": '"We will not leave," Syrian President Bashar al-Assad said in Damascus on Monday.',
}


def _event_links(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("select id, place, place_id, actor_id, claimant_id from events"))


def _roles(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("select article_id, entity_id, role, mentions from article_entities"))


@pytest.fixture
def event_corpus(tmp_path):
    return ingested(tmp_path, EVENT_DOCS), tmp_path / "docs"


def test_an_entity_an_event_names_can_be_merged_unmerged_and_deleted(event_corpus):
    """An event's place, actor and claimant are entities too: merging one failed on a foreign key (`database
    error`, exit 4), and so did deleting one."""
    db, folder = event_corpus
    before, events_before, roles_before = state(db), _event_links(db), _roles(db)
    sohr = "org:syrian-observatory-for-human-rights"
    assert any(claimant == sohr for *_, claimant in events_before)
    assert any(place == "place:saraqib-sy" for _, _, place, _, _ in events_before)
    curation.merge(open_db(db), "Saraqib", "Idlib")
    assert all(place != "place:saraqib-sy" for _, _, place, _, _ in _event_links(db))
    curation.unmerge(open_db(db), "Saraqib", "Idlib")
    assert (state(db), _event_links(db), _roles(db)) == (before, events_before, roles_before)
    curation.delete(open_db(db), "Syrian Observatory for Human Rights")
    after = _event_links(db)
    assert all(claimant is None for *_, claimant in after)
    reingest(db, folder)  # the delete sticks, and the events come out as the delete left them
    assert _event_links(db) == after


def test_an_unmerge_gives_the_target_back_its_own_roles(tmp_path):
    """A merge fills the target's empty role in an article with the source's (`head of the Syrian
    Observatory`); the unmerge must take it back."""
    text = (
        '"We will stay in Douma," Omar Hamdan said. Rami Abdel Rahman, head of the Syrian Observatory for Human '
        "Rights, said nine people died."
    )
    db = ingested(tmp_path, {"a.txt": text})
    before = _roles(db)
    assert ("person:omar-hamdan", None) in [(e, r) for _, e, r, _ in before]
    curation.merge(open_db(db), "Rami Abdel Rahman", "Omar Hamdan")
    curation.unmerge(open_db(db), "Rami Abdel Rahman", "Omar Hamdan")
    assert _roles(db) == before


def _folder(path, texts):
    path.mkdir()
    return docs_folder(path, texts)


def test_an_ingest_after_a_delete_stores_the_events_the_deleted_entity_took_part_in(tmp_path):
    """A deleted actor or claimant was still linked from the new article's events: the foreign key stopped
    the whole ingest (exit 4) and every ingest after it, storing nothing."""
    db = tmp_path / "corpus.db"
    ingest(db, [_folder(tmp_path / "first", {"a.txt": DOCS["a.txt"]})], workers=0)
    curation.delete(open_db(db), "Syrian Observatory for Human Rights")
    summary = ingest(db, [_folder(tmp_path / "second", EVENT_DOCS)], workers=0)
    assert summary.count("added") == 2
    links = _event_links(db)
    assert links and all(claimant != "org:syrian-observatory-for-human-rights" for *_, claimant in links)


def test_another_spelling_of_a_merged_entity_goes_into_its_target(tmp_path):
    """After `merge A B`, an article that spells A as the knowledge base or the fuzzy match knows it (`Rami
    Abdurrahman` for `Rami Abdel Rahman`) brought A back as its own entity."""
    db = tmp_path / "corpus.db"
    ingest(db, [_folder(tmp_path / "first", {"a.txt": DOCS["a.txt"]})], workers=0)
    curation.merge(open_db(db), "Rami Abdel Rahman", "Omar Hamdan")
    later = {"d.txt": '"The shelling continued all night," Rami Abdurrahman said on Tuesday.'}
    ingest(db, [_folder(tmp_path / "second", later)], workers=0)
    entities = state(db)["entities"]
    assert "person:rami-abdel-rahman" not in entities
    assert {speaker for speaker, _ in state(db)["quotes"].values()} == {"person:omar-hamdan"}


BARAZI = {
    "b.txt": '"The road to Homs is open," Homs governor Talal Barazi said on Tuesday. Barazi added that aid arrived.'
}
BY_NAME = [
    {"action": "alias", "subject": "the Homs governor", "target": "Talal Barazi"},
    {"action": "merge", "subject": "Omar Hamdan", "target": "Rami Abdel Rahman"},
]


def _import(db, records, tmp_path):
    path = tmp_path / "corrections.json"
    path.write_text(json.dumps(records))
    return runner.invoke(app, ["--db", str(db), "curation", "import", str(path)])


def test_a_correction_waiting_for_its_entity_is_applied_by_the_ingest_that_brings_it(corpus, tmp_path):
    db, _ = corpus
    result = _import(db, BY_NAME, tmp_path)
    assert (
        result.output == "1 corrections applied, 0 already in effect, 1 waiting for an ingest to bring their entities\n"
    )
    assert "person:omar-hamdan" not in state(db)["entities"]
    ingest(db, [_folder(tmp_path / "later", BARAZI)], workers=0)
    barazi = state(db)["entities"]["person:talal-barazi"]
    assert barazi["aliases"] == ["the Homs governor"]
    assert [(r["action"], r["subject"], r["target"]) for r in curation.export_curation(open_db(db))][-1] == (
        "alias", "the Homs governor", "person:talal-barazi",
    )  # fmt: skip
    again = _import(db, BY_NAME, tmp_path)
    assert (
        again.output == "0 corrections applied, 2 already in effect, 0 waiting for an ingest to bring their entities\n"
    )
    assert len(curation.export_curation(open_db(db))) == 2


def test_a_file_imported_twice_changes_nothing_the_second_time(corpus, tmp_path):
    db, _ = corpus
    _import(db, BY_NAME, tmp_path)
    before, recorded = state(db), curation.export_curation(open_db(db))
    again = _import(db, BY_NAME, tmp_path)
    assert (
        again.output == "0 corrections applied, 2 already in effect, 0 waiting for an ingest to bring their entities\n"
    )
    assert (state(db), curation.export_curation(open_db(db))) == (before, recorded)


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        (
            {"action": "alias", "subject": None, "target": "Omar Hamdan"},
            "its subject must be a name or an id, not null",
        ),
        (
            {"action": "alias", "subject": ["a"], "target": "Omar Hamdan"},
            'its subject must be a name or an id, not ["a"]',
        ),
        ({"action": "merge", "subject": "Omar Hamdan", "target": " "}, 'its target must be a name or an id, not " "'),
        ({"action": "wed", "subject": "a", "target": "b"}, "no action 'wed'"),
        ("alias", "not a syria-corpus correction"),
    ],
)
def test_a_correction_that_is_not_one_refuses_the_whole_file(corpus, tmp_path, record, problem):
    db, _ = corpus
    before, digest = state(db), curation.export_curation(open_db(db))
    result = _import(db, [BY_NAME[1], record], tmp_path)
    assert result.exit_code == 1
    assert result.output == f"Error: correction 2: {problem} ({json.dumps(record)[:80]})\n"
    assert (state(db), curation.export_curation(open_db(db))) == (before, digest)
