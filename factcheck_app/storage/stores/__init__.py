"""One store per kind of row: articles, article imports, sentences, reviews, sources and
their links, settings, history. `storage/repositories.py` puts them together."""
