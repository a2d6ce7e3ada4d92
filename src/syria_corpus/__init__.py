"""syria-corpus: who said what, about whom, where and when, in news about the war in Syria."""

__version__ = "0.1.0"
