"""Lighthouse scores of the seed article and the home page, in Lighthouse's default mobile
mode, against a Qalam server in production mode on this machine:

    PORT=8010 DATABASE_URL=postgres://postgres@127.0.0.1:5432/qalam_lighthouse \
        REDIS_URL=redis://127.0.0.1:6379/3 make serve-prod    # in one shell
    PORT=8010 make lighthouse    # in another: npm ci --prefix bench, then this script

Prints the four scores of each page (the median of --runs runs), what the page transferred
and the audits that did not pass, and appends the scores to bench/results/lighthouse.md with
the date and commit. Only 127.0.0.1 is measured: the page must need nothing from outside."""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {"seed article": "/ofitsialno/perspektivy-partnerstva/", "home": "/"}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}


def lighthouse(url, output, attempts=3):
    """One Lighthouse report; a run that fails to record the page (it happens on a busy
    machine: NO_NAVSTART, NO_FCP) is repeated."""
    for attempt in range(1, attempts + 1):
        done = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={output}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        )
        if done.returncode == 0:
            return json.loads(Path(output).read_text(encoding="utf-8"))
        print(f"  Lighthouse failed on {url} (attempt {attempt} of {attempts})", file=sys.stderr)
    sys.exit(f"Lighthouse failed {attempts} times on {url}")


def scores(report):
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def transferred(report):
    """Bytes on the wire by kind of resource, as Lighthouse counted them."""
    items = report["audits"]["resource-summary"]["details"]["items"]
    return {item["resourceType"]: item["transferSize"] for item in items if item["transferSize"]}


def not_passed(report):
    audits = report["audits"]
    failing = set()
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = audits[ref["id"]]
            scored = audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
            if scored and audit["score"] is not None and audit["score"] < 1:
                failing.add(f"{audit['id']} ({audit['score']:.2f}): {audit['title']}")
    return sorted(failing)


def commit():
    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (
        " + changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--note", default="", help="what state of the code this measures")
    args = parser.parse_args()
    if urlsplit(args.base_url).hostname not in ("127.0.0.1", "localhost"):
        sys.exit("bench/lighthouse.py measures a server on this machine (127.0.0.1)")
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: npm ci --prefix bench")

    rows = []
    with tempfile.TemporaryDirectory(prefix="qalam-lighthouse-") as tmp:
        for label, path in PAGES.items():
            url = args.base_url.rstrip("/") + path
            reports = [lighthouse(url, Path(tmp) / f"{n}.json") for n in range(args.runs)]
            runs = [scores(report) for report in reports]
            median = {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}
            # The run whose performance is the median one stands for the page's details.
            typical = sorted(reports, key=lambda r: scores(r)["performance"])[len(reports) // 2]
            print(f"{label} {url}")
            print("  " + "  ".join(f"{name} {median[name]:g}" for name in CATEGORIES))
            metrics = typical["audits"]
            print(
                "  "
                + "  ".join(
                    f"{short} {metrics[audit]['displayValue']}" for audit, short in METRICS.items()
                )
            )
            print(
                "  transferred: " + ", ".join(f"{k} {v} B" for k, v in transferred(typical).items())
            )
            for line in not_passed(typical):
                print(f"  not passed: {line}")
            rows.append((label, path, median, transferred(typical)))

    lines = [
        f"## {datetime.date.today()} · {commit()}" + (f" · {args.note}" if args.note else ""),
        "",
        f"Lighthouse 12.2.3, mobile, median of {args.runs} runs, production mode on "
        f"{os.cpu_count()} cores.",
        "",
        "| page | performance | accessibility | best practices | SEO | transferred |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| {label} `{path}` | "
            + " | ".join(f"{median[name]:g}" for name in CATEGORIES)
            + f" | {sizes.get('total', 0) / 1000:.1f} kB |"
            for label, path, median, sizes in rows
        ),
        "",
    ]
    with (ROOT / "bench" / "results" / "lighthouse.md").open("a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
