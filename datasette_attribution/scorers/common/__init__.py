"""Helpers the scorers share (phrase finding, names and titles, article summaries); no scorer here."""
