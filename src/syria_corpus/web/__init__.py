"""The web face of the corpus: Datasette configured for it (metadata, stored queries, a plugin)."""
