"""Batch review: many postings, resumable results, a report (`posting-assistant review`)."""
