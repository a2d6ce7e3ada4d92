"""Writing rows out: the formats sqlite-utils users know, and workbooks for analysts' tools."""
