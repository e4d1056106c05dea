"""A logging formatter that writes each record, traceback included, on one line."""

import logging


class OneLineFormatter(logging.Formatter):
    """
    Folds a record's message and traceback onto one line (newlines become " | "),
    so that a log collector reading stdout line by line keeps each error whole.
    """

    def format(self, record):
        return " | ".join(line for line in super().format(record).splitlines() if line.strip())
