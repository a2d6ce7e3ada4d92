"""The NLP step on a Dask cluster: the same interface as the local worker pool, for the same ingest loop.

Reading, checking (sha256), segmenting and storing stay in this process; only pages travel to the workers,
and plain records (`Analysis`, `Failure`) come back, never spaCy `Doc`s. With `--dask-read` a worker reads
and segments a file itself (`SharedFile`: its path and the sha256 checked here) and returns a `Read`. Each worker loads the pipeline,
knowledge base and gazetteer once (a worker plugin). A worker that dies has its tasks re-run by Dask; a
chunk that still fails is tried page by page, and a page that fails alone is reported failed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace

from ..errors import CorpusError, InputError, ModelError
from ..limits import MAX_WORKERS
from ..records import Document, Page, Read, SharedFile
from .workers import CHUNK, Failure, Outcome, analyse_pages

_LOCAL = re.compile(r"local(?::(\d+))?$")
_CONNECT_TIMEOUT = "20s"


def _require_dask():
    try:
        import distributed
    except ImportError:
        raise CorpusError(
            "--dask needs dask and distributed: pip install 'syria-corpus[dask]' (on every worker too)"
        ) from None
    return distributed


def analyse_on_worker(
    model: str | None, items: list[Page | SharedFile]
) -> tuple[tuple[str, str], list[Outcome | Read]]:
    """A task: the pages analysed with this worker's pipeline (loaded once per process); a shared file is
    read and segmented here first, and comes back with its document and page."""
    from ..nlp.pipeline import load_pipeline, model_description

    nlp = load_pipeline(model)
    read = [item if isinstance(item, Page) else _read_shared(item) for item in items]
    analysed = iter(
        analyse_pages(nlp, [r if isinstance(r, Page) else r[1] for r in read if not isinstance(r, Failure)])
    )

    def outcome(r: Page | tuple[Document, Page] | Failure) -> Outcome | Read:
        if isinstance(r, Failure):
            return r
        analysis = next(analysed)
        if isinstance(r, Page) or isinstance(analysis, Failure):
            return analysis
        return Read(replace(r[0], raw=b"", text=""), r[1], analysis)  # the store keeps neither

    return model_description(nlp), [outcome(r) for r in read]


def _read_shared(item: SharedFile) -> tuple[Document, Page] | Failure:
    from ..read.documents import read_documents
    from ..read.segment import segment_document

    try:
        docs = [d for d in read_documents(item.location) if isinstance(d, Document)]
        if not docs or docs[0].sha256 != item.sha256:
            return Failure("the file changed between the client's check and the worker's read; ingest it again")
        return docs[0], segment_document(docs[0])
    except InputError as e:
        return Failure(f"the worker could not read it ({e})")


def _plugin(model: str | None):
    distributed = _require_dask()

    class LoadPipeline(distributed.WorkerPlugin):
        """Load the pipeline, knowledge base and gazetteer when a worker starts, not in its first task."""

        name = "syria-corpus-pipeline"

        def setup(self, worker) -> None:
            from .. import gazetteer
            from ..nlp.pipeline import load_pipeline

            load_pipeline(model)
            gazetteer.lookup("Damascus")

    return LoadPipeline()


class DaskPool:
    """`submit` pages, get a ticket; `result(ticket)` gives one Outcome per page, in order."""

    def __init__(self, address: str, model: str | None, warn: Callable[[str], None]):
        distributed = _require_dask()
        self.model, self.warn = model, warn
        self.description: tuple[str, str] | None = None
        self._cluster = None
        local = _LOCAL.match(address)
        if local and not 1 <= int(local.group(1) or 2) <= MAX_WORKERS:
            raise InputError(f"--dask {address}: a local cluster has 1 to {MAX_WORKERS} workers (local:N)")
        try:
            if local:
                n = int(local.group(1) or 2)
                self._cluster = distributed.LocalCluster(
                    n_workers=n,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,  # cancelled tasks after Ctrl-C are not the user's concern
                )
                self.client = distributed.Client(self._cluster)
            else:
                self.client = distributed.Client(address, timeout=_CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as e:
            raise CorpusError(f"cannot reach the Dask scheduler at {address}: {e}") from None
        self.client.register_plugin(_plugin(model))
        self.size = max(1, sum(self.client.nthreads().values()))
        self._tickets: dict[int, list[tuple[list[Page | SharedFile], object]]] = {}
        self._next = 0

    def submit(self, pages: list[Page | SharedFile]) -> int:
        ticket, self._next = self._next, self._next + 1
        self._tickets[ticket] = [
            (chunk, self.client.submit(analyse_on_worker, self.model, chunk, pure=False))
            for chunk in (pages[i : i + CHUNK] for i in range(0, len(pages), CHUNK))
        ]
        return ticket

    def result(self, ticket: int) -> list[Outcome | Read]:
        outcomes: list[Outcome | Read] = []
        for chunk, future in self._tickets.pop(ticket):
            outcomes += self._outcomes(chunk, future)
        return outcomes

    def _outcomes(self, pages: list[Page | SharedFile], future) -> list[Outcome | Read]:
        try:
            description, outcomes = future.result()
        except ModelError:
            raise
        except Exception as e:  # the task failed on every worker Dask gave it (KilledWorker, ...)
            if len(pages) == 1:
                return [Failure(f"analysis failed on the cluster ({type(e).__name__}: {e})")]
            self.warn(
                f"a chunk of {len(pages)} documents failed on the cluster ({type(e).__name__}); each is tried alone"
            )
            return [
                o
                for page in pages
                for o in self._outcomes([page], self.client.submit(analyse_on_worker, self.model, [page], pure=False))
            ]
        self.description = self.description or description
        return outcomes

    def close(self, finished: bool = True) -> None:
        """After Ctrl-C or an error, cancel what is still running; then leave the cluster."""
        if not finished:
            self.client.cancel([f for chunks in self._tickets.values() for _, f in chunks], force=True)
        self._tickets.clear()
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
