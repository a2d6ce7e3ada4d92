"""The SQLite store, one module per job: `connect` opens a corpus and explains its errors, `schema` holds
every table (as sqlite-utils migrations), `write` stores one article, `summaries` keeps the per-speaker
counts, `lookup` finds entities by name.

Only `schema` imports sqlite-utils, so a query (`connect`, `lookup`, `summaries`) starts without it.
"""
