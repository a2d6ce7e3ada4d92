"""Questions over the store: read-only, each returning rows that the command line or the web page formats."""
