"""Synthesize a story from the analyses of its articles: the dated timeline (`timeline`), and later quote
matching, figures over time, coverage comparison and the summary. Pure functions over
`[(article, analysis)]` pairs of one story; every entry carries the article ids and spans it comes from."""
