"""Analysis of one article: entities, times, quotes, figures, events (see DESIGN.md, the `analyze` contract)."""
