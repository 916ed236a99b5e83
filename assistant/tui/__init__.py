"""The terminal editor (`posting-assistant edit`). Imported only by that command."""
