"""The served corpus counts each thing once: it is immutable while served, so a count (a facet, a
filtered table's size) cannot change, and a million-quote page need not count again on every visit."""

from __future__ import annotations

import json
from collections import OrderedDict

from datasette.database import Database


class CountingOnce(Database):
    """An immutable Datasette database that keeps the answers of its recent counting queries."""

    SIZE = 1024

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._answers: OrderedDict[tuple, object] = OrderedDict()

    async def execute(self, sql, params=None, truncate=False, custom_time_limit=None, page_size=None, **kwargs):
        if "count(*)" not in sql.lower():
            return await super().execute(sql, params, truncate, custom_time_limit, page_size, **kwargs)
        key = (sql, json.dumps(params, sort_keys=True, default=str), truncate, page_size)
        if key in self._answers:
            self._answers.move_to_end(key)
            return self._answers[key]
        answer = await super().execute(sql, params, truncate, custom_time_limit, page_size, **kwargs)
        self._answers[key] = answer
        if len(self._answers) > self.SIZE:
            self._answers.popitem(last=False)
        return answer
