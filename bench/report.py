"""What the benches share to report: a percentile, and a table of measures appended to their
file under bench/results/."""

import datetime
import platform


def percentile(values, share):
    """The value `share` of the way up the sorted `values` (0.95: p95)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def append_table(path, rows):
    """Prints `rows` (measure, value) as a dated table and appends it to `path`."""
    table = "\n".join(f"| {name} | {value} |" for name, value in rows)
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = f"\n## {when}, {platform.node()}\n\n| measure | value |\n|---|---|\n{table}\n"
    print(report)
    with path.open("a") as results:
        results.write(report)
