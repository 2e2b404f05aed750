"""storyline: sourced, structured stories from the news of many outlets."""

__version__ = "0.1.0"
