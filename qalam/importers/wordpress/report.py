"""What an import did: counts per kind (the table printed at the end) and every warning
with the post it concerns (the report file)."""

import collections
import html
from urllib.parse import unquote

KINDS = ["articles", "pages", "rubrics", "tags", "authors", "images", "comments", "redirects"]
OUTCOMES = ["created", "updated", "unchanged", "skipped"]


class Report:
    def __init__(self):
        self.counts = collections.defaultdict(collections.Counter)
        self.warnings = []  # (kind, what it concerns, message)

    def count(self, kind, outcome, n=1):
        self.counts[kind][outcome] += n

    def warn(self, kind, item, message):
        """`item` is the WordPress item concerned (or None for the file as a whole)."""
        self.warnings.append((kind, describe(item), message))
        self.counts[kind]["warnings"] += 1

    def table(self):
        kinds = KINDS + sorted(set(self.counts) - set(KINDS))
        header = ["", *OUTCOMES, "warnings"]
        rows = [header] + [
            [kind, *(str(self.counts[kind][column]) for column in header[1:])]
            for kind in kinds
            if kind in KINDS or self.counts[kind]
        ]
        widths = [max(len(row[n]) for row in rows) for n in range(len(header))]
        return "\n".join(
            "  ".join(
                cell.ljust(width) if n == 0 else cell.rjust(width)
                for n, (cell, width) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
            for row in rows
        )

    def text(self, title):
        lines = [title, "", self.table(), "", f"Warnings: {len(self.warnings)}"]
        lines += [f"{kind}\t{what}\t{message}" for kind, what, message in self.warnings]
        return "\n".join(lines) + "\n"


def describe(item):
    if item is None:
        return "-"
    title = html.unescape(item.title)[:80]
    title = f" «{title}»" if title else ""
    link = f" {unquote(item.link)}" if item.link else ""
    return f"{item.type} {item.id}{title}{link}"
