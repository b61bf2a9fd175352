"""The plugin's own pages, one module a page: the dashboard, an article, outlets side
by side and one actor across outlets, a story; what they share is common.py."""
