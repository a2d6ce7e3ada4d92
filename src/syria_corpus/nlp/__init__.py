"""Analysis: a segmented page to its people, places, organisations, quotes and events, one article at a time."""
