"""The SQLite database (sqlite-utils): schema, writes, search and summary tables.
Knows nothing about Datasette, nor how scores are made."""

from .schema import (CORE_TABLES, LOADED_MARKS, Layout, ensure_schema, missing_columns, open_database,
                     reading_connection, record_scoring, recorded_scoring)
from .search import deferred_search_index, index_new_rows
from .summaries import refresh_summaries, update_summaries
from .write import (ArticleRows, Outcome, article_rows, checkpoint, content_hash, forget_cached_rows, is_disk_full,
                    write_article)

__all__ = ["CORE_TABLES", "LOADED_MARKS", "ArticleRows", "Layout", "Outcome", "article_rows", "checkpoint",
           "content_hash",
           "deferred_search_index", "forget_cached_rows",
           "ensure_schema", "index_new_rows", "is_disk_full", "missing_columns", "open_database",
           "reading_connection", "record_scoring", "recorded_scoring", "refresh_summaries", "update_summaries",
           "write_article"]
