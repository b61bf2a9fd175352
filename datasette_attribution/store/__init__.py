"""The SQLite database (sqlite-utils): schema, writes, search and summary tables.
Knows nothing about Datasette, nor how scores are made."""

from .schema import Layout, ensure_schema, open_database
from .search import deferred_search_index
from .summaries import refresh_summaries
from .write import ArticleRows, article_rows, checkpoint, write_article

__all__ = ["ArticleRows", "Layout", "article_rows", "checkpoint", "deferred_search_index",
           "ensure_schema", "open_database", "refresh_summaries", "write_article"]
