"""Command-line interface."""


class CommandError(Exception):
    """An error the user can fix: printed as one line, exit code 2."""
