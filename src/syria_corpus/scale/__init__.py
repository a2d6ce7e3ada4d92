"""Ingest past one machine: the NLP step on a Dask cluster (optional: `pip install 'syria-corpus[dask]'`)."""
