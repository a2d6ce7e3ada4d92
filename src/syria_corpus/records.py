"""Records that cross module boundaries: read -> segment -> analyse -> store."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    """One document as read: a text file, an HTML page (on its own or in a web archive), a Word document, or
    a row of a table (CSV, TSV, JSON lines).

    Metadata that the source states (a table's columns, a page's own tags) is kept here and wins over
    what segmentation would guess from the text."""

    path: str
    raw: bytes
    text: str
    sha256: str
    encoding: str
    warnings: list[str] = field(default_factory=list)
    external_id: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    kind: str = "page"  # page (a scrape, segmented) | text (already the article: HTML extraction, tables)
    source: str | None = None  # the file (or table file and row id) it came from: a new version replaces the old
    # when the file was made (a web capture, a Word document's creation): the published date where the page,
    # its metadata and its text state none
    file_date: str | None = None
    # where each page of a PDF starts in `text`: (offset, page number), so that what is found can be cited
    page_starts: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Notice:
    """Something to tell the user about a file that spoils none of it: its encoding, a suspicious row."""

    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Unlisted:
    """A folder under one the user named that cannot be listed: its documents are missing from the run,
    so it is reported as a failure, not passed over."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: cannot read this folder ({self.reason}); its documents are skipped"


@dataclass
class Page:
    """A page split into its parts. Offsets in `paragraphs` index into `body`."""

    body: str
    paragraphs: list[tuple[int, int]]
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    related_headlines: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    excluded: list[tuple[int, int]] = field(default_factory=list)  # furniture left inside the body
    page_starts: list[tuple[int, int]] = field(default_factory=list)  # (body offset, page number) of a PDF

    def page_at(self, offset: int | None) -> int | None:
        """The page of a PDF a body offset lies on; None for a document without pages."""
        if offset is None or not self.page_starts:
            return None
        return next((page for start, page in reversed(self.page_starts) if start <= offset), self.page_starts[0][1])


@dataclass
class Entity:
    """One person, place or organisation as found in one article."""

    key: str
    type: str  # "person" | "place" | "org"
    name: str
    aliases: set[str] = field(default_factory=set)
    role: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    governorate: str | None = None
    kind: str | None = None
    metonym: bool = False
    alternatives: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """Offsets index the body; mentions in related headlines or tags carry their context and position
    in that list instead, and do not count as mentions of the article."""

    entity_key: str
    type: str
    text: str
    start: int
    end: int
    context: str = "body"  # body | headline | tag


@dataclass
class Quote:
    kind: str  # "direct" | "indirect"
    text: str
    start: int
    end: int
    paragraph: int
    speaker: str | None = None
    speaker_key: str | None = None
    speaker_mention: str | None = None
    speaker_role: str | None = None
    cue: str | None = None
    via: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True)
class Event:
    """A conflict event an article reports, after the ACLED and UCDP codebooks. Offsets index the body
    (or the title, for an event only the title states: `start` and `end` are then None)."""

    type: str  # a key of data/events.json's types, or "other"
    sentence: str
    start: int | None = None
    end: int | None = None
    date: str | None = None  # ISO; `--09-17` when the year cannot be known
    date_precision: str | None = None  # day | month | year
    date_as_written: str | None = None
    date_basis: str | None = None  # text: the text dates it | published: the article's day, the text giving none
    place_key: str | None = None  # entity key
    actor: str | None = None
    actor_key: str | None = None
    actor_category: str = "unknown"
    target: str | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    wounded_min: int | None = None
    wounded_max: int | None = None
    killed_among: dict[str, int] = field(default_factory=dict)  # civilians, combatants, children, women
    claimant: str | None = None
    claimant_key: str | None = None
    confidence: float = 0.0
    main: bool = False
    toll_scope: str | None = None  # event: the toll of this happening | summary: a total over several


@dataclass
class Analysis:
    """What the NLP step finds in one article body."""

    entities: list[Entity]
    mentions: list[Mention]
    quotes: list[Quote]
    primary_place: str | None = None  # entity key
    events: list[Event] = field(default_factory=list)


@dataclass(frozen=True)
class SharedFile:
    """A file a Dask worker reads itself from storage it shares with the client (`--dask-read`), with the
    sha256 the client checked: a file changed in between is refused, never stored under another's hash."""

    location: str
    sha256: str


@dataclass(frozen=True)
class Read:
    """What a worker that read a shared file returns: the document (without its bytes and text, which the
    store does not keep), its page and its analysis."""

    document: Document
    page: Page
    analysis: Analysis
