"""Extraction: a scraped page (plain-text dump or HTML) into a clean article with its metadata."""
