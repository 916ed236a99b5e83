"""Exit codes shared by every command (CONTRACTS.md)."""

from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1  # findings at or above --fail-on, or a score under --min-score
    USAGE = 2  # usage, config or input error; wins over FINDINGS
    LLM_FAILED = 3  # the LLM service failed or refused; nothing was written
