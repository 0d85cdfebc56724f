"""How long `qalam import_wordpress` takes, and how much memory, for a generated WordPress
export of N posts with comments (WXR 1.2 as WordPress 6 writes it: block-editor and classic
posts, nested categories, tags, threaded, pending and spam comments, photos), on the
database DATABASE_URL names (a scratch database is created and dropped on PostgreSQL).

    .venv/bin/python bench/wxr.py [--posts 10000] [--also 2500,40000] [--photos 200]

Prints the figures and appends them to bench/results/wxr.md."""

import argparse
import datetime
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_articles import drop_scratch_database, scratch_database

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://vestnik.example.kz"
CATEGORIES = [  # (term ID, slug, name, parent slug)
    (2, "ofitsialno", "Официально", ""), (3, "politika", "Политика", ""),
    (4, "ekonomika", "Экономика", ""), (5, "finansy", "Финансы", "ekonomika"),
    (6, "banki", "Банки", "finansy"), (7, "obshchestvo", "Общество", ""),
    (8, "regiony", "Регионы", ""), (9, "shymkent", "Шымкент", "regiony"),
    (10, "sport", "Спорт", ""), (11, "kultura", "Культура", ""),
]  # fmt: skip
TAGS = [
    "Токаев", "Туркестан", "Туркменистан", "экспорт", "зерно", "цифровизация", "образование",
    "бокс", "нефть", "газ", "бюджет", "инфляция", "тенге", "дороги", "ЖКХ", "экология",
    "туризм", "наука", "молодежь", "спорт", "Шымкент", "Алматы", "Астана", "инвестиции",
]  # fmt: skip
AUTHORS = [
    ("admin", "Редакция"),
    ("g.omarova", "Гульнар Омарова"),
    ("d.nurlanov", "Данияр Нурланов"),
]
SENTENCES = [
    "Глава государства провел совещание по вопросам развития транспортно-логистической отрасли.",
    "Участники встречи обсудили перспективы сотрудничества в газовой и торговой сферах.",
    "В области реализуются инвестиционные проекты общей стоимостью 36,5 млрд тенге.",
    "Особое внимание уделено цифровизации государственных услуг и подготовке IT-специалистов.",
    "Товарооборот между странами планируется довести до 1 миллиарда долларов.",
    "По итогам встречи стороны договорились продолжить работу на уровне профильных ведомств.",
]
COMMENTS = [
    "Хорошая новость для региона.",
    "Интересно, какие товары станут основными?",
    "Надеюсь, дороги тоже отремонтируют.",
    "Спасибо за подробный материал!",
]


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def write_export(path, uploads, posts, photos, seed=2026):
    """A WXR file of `posts` posts, and `photos` attachments with their files in `uploads`."""
    rnd = random.Random(seed)
    start = datetime.datetime(2026, 11, 25, 12, 0)
    with path.open("w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
            '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
            '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
            '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
            '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n<channel>\n'
            f"\t<title>Степной вестник</title>\n\t<link>{SITE}</link>\n"
            "\t<language>ru-RU</language>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n"
            f"\t<wp:base_site_url>{SITE}</wp:base_site_url>\n"
            f"\t<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
        )
        for n, (login, name) in enumerate(AUTHORS, start=1):
            f.write(
                f"\t<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>{cdata(login)}"
                f"</wp:author_login><wp:author_email>{cdata(login + '@example.kz')}"
                f"</wp:author_email><wp:author_display_name>{cdata(name)}"
                "</wp:author_display_name></wp:author>\n"
            )
        for term_id, slug, name, parent in CATEGORIES:
            f.write(
                f"\t<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>"
                f"{cdata(slug)}</wp:category_nicename><wp:category_parent>{cdata(parent)}"
                f"</wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
            )
        for n, tag in enumerate(TAGS, start=100):
            f.write(
                f"\t<wp:tag><wp:term_id>{n}</wp:term_id><wp:tag_slug>{cdata(f'tag-{n}')}"
                f"</wp:tag_slug><wp:tag_name>{cdata(tag)}</wp:tag_name></wp:tag>\n"
            )
        comment_id = 1
        for n in range(posts):
            post_id = 1000 + n
            moment = start - datetime.timedelta(minutes=29 * n)
            photo = 500_000 + n if n < photos else None
            category = CATEGORIES[n % len(CATEGORIES)]
            paragraphs = [" ".join(rnd.sample(SENTENCES, 2)) for _ in range(rnd.randint(4, 9))]
            if n % 2:
                body = "\n\n".join(
                    f"<!-- wp:paragraph -->\n<p>{escape(p)}</p>\n<!-- /wp:paragraph -->"
                    for p in paragraphs
                )
                if photo:
                    body += (
                        f'\n\n<!-- wp:image {{"id":{photo}}} -->\n<figure class="wp-block-image">'
                        f'<img src="{SITE}/wp-content/uploads/2026/11/photo-{photo}-1024x683.jpg" '
                        f'alt="" class="wp-image-{photo}"/><figcaption>Фото {n}</figcaption>'
                        "</figure>\n<!-- /wp:image -->"
                    )
            else:
                body = "\n\n".join(escape(p) for p in paragraphs)
                if photo:
                    body += (
                        f'\n\n[caption id="attachment_{photo}" width="640"]<img src="{SITE}'
                        f'/wp-content/uploads/2026/11/photo-{photo}-640x427.jpg" '
                        f'class="size-large wp-image-{photo}" /> Фото {n}[/caption]'
                    )
            slug = f"novost-{n}"
            local, gmt = (
                moment.strftime("%Y-%m-%d %H:%M:%S"),
                (moment - datetime.timedelta(hours=5)).strftime("%Y-%m-%d %H:%M:%S"),
            )
            f.write(
                "\t<item>\n"
                f"\t\t<title>{cdata(f'Новость {n}: ' + rnd.choice(SENTENCES)[:60])}</title>\n"
                f"\t\t<link>{SITE}/{category[1]}/{slug}/</link>\n"
                f"\t\t<dc:creator>{cdata(AUTHORS[n % len(AUTHORS)][0])}</dc:creator>\n"
                f"\t\t<content:encoded>{cdata(body)}</content:encoded>\n"
                f"\t\t<excerpt:encoded>{cdata('')}</excerpt:encoded>\n"
                f"\t\t<wp:post_id>{post_id}</wp:post_id>\n"
                f"\t\t<wp:post_date>{cdata(local)}</wp:post_date>\n"
                f"\t\t<wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt>\n"
                f"\t\t<wp:comment_status>{cdata('open')}</wp:comment_status>\n"
                f"\t\t<wp:post_name>{cdata(slug)}</wp:post_name>\n"
                f"\t\t<wp:status>{cdata('publish')}</wp:status>\n"
                "\t\t<wp:post_parent>0</wp:post_parent>\n"
                f"\t\t<wp:post_type>{cdata('post')}</wp:post_type>\n"
                f'\t\t<category domain="category" nicename="{category[1]}">{cdata(category[2])}'
                "</category>\n"
            )
            for tag_n in rnd.sample(range(len(TAGS)), 3):
                f.write(
                    f'\t\t<category domain="post_tag" nicename="tag-{100 + tag_n}">'
                    f"{cdata(TAGS[tag_n])}</category>\n"
                )
            if photo:
                f.write(
                    "\t\t<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                    f"<wp:meta_value>{photo}</wp:meta_value></wp:postmeta>\n"
                )
            first = None
            for c in range(rnd.choice([0, 1, 2, 3, 3, 4, 6])):
                status = rnd.choices(["1", "0", "spam"], weights=[90, 6, 4])[0]
                parent = first if first and c % 3 == 2 else 0
                first = first or comment_id
                f.write(
                    "\t\t<wp:comment><wp:comment_id>{}</wp:comment_id>"
                    "<wp:comment_author>{}</wp:comment_author>"
                    "<wp:comment_author_email>{}</wp:comment_author_email>"
                    "<wp:comment_author_url></wp:comment_author_url>"
                    "<wp:comment_author_IP>{}</wp:comment_author_IP>"
                    "<wp:comment_date>{}</wp:comment_date>"
                    "<wp:comment_date_gmt>{}</wp:comment_date_gmt>"
                    "<wp:comment_content>{}</wp:comment_content>"
                    "<wp:comment_approved>{}</wp:comment_approved>"
                    "<wp:comment_type>comment</wp:comment_type>"
                    "<wp:comment_parent>{}</wp:comment_parent></wp:comment>\n".format(
                        comment_id,
                        cdata(f"Читатель {comment_id % 977}"),
                        cdata(f"reader{comment_id % 977}@example.org"),
                        f"198.51.100.{comment_id % 250}",
                        local,
                        gmt,
                        cdata(rnd.choice(COMMENTS)),
                        status,
                        parent,
                    )  # fmt: skip
                )
                comment_id += 1
            f.write("\t</item>\n")
        folder = uploads / "2026" / "11"
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(photos):
            photo = 500_000 + n
            colour = (n * 37 % 256, n * 91 % 256, n * 53 % 256)
            Image.new("RGB", (640, 427), colour).save(folder / f"photo-{photo}.jpg", quality=80)
            f.write(
                "\t<item>\n"
                f"\t\t<title>{cdata(f'photo-{photo}')}</title>\n"
                f"\t\t<wp:post_id>{photo}</wp:post_id>\n"
                f"\t\t<wp:status>{cdata('inherit')}</wp:status>\n"
                f"\t\t<wp:post_parent>{1000 + n}</wp:post_parent>\n"
                f"\t\t<wp:post_type>{cdata('attachment')}</wp:post_type>\n"
                f"\t\t<wp:attachment_url>{cdata(f'{SITE}/wp-content/uploads/2026/11/photo-{photo}.jpg')}"
                "</wp:attachment_url>\n"
                "\t\t<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
                f"<wp:meta_value>{cdata(f'2026/11/photo-{photo}.jpg')}</wp:meta_value>"
                "</wp:postmeta>\n\t</item>\n"
            )
        f.write("</channel>\n</rss>\n")
    return comment_id - 1


def qalam_measured(*args, env):
    """Runs `qalam`; returns (seconds, peak resident memory in MB)."""
    started = time.monotonic()
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "qalam"), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    output = process.stdout.read().decode() + process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(output)
    return seconds, usage.ru_maxrss / 1024, output


def fresh_database(url, env):
    scratch_database(url, env, "qalam_bench_wxr")
    qalam_measured("migrate", "-v0", env=env)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument(
        "--also", default="2500,40000", help="other export sizes, imported once (memory)"
    )
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument(
        "--tasks",
        default="django_tasks_db.DatabaseBackend",
        help="the task backend (default: queued for `qalam worker`, as in production)",
    )
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    database = "PostgreSQL" if url.startswith("postgres") else "SQLite (WAL)"
    rows = []
    with tempfile.TemporaryDirectory(prefix="qalam-bench-wxr-") as tmp:
        env = {
            **os.environ,
            # Production settings where they can run (they need PostgreSQL): no DEBUG query log.
            "DJANGO_SETTINGS_MODULE": "qalam.settings.production"
            if url.startswith("postgres")
            else "qalam.settings.dev",
            "SECRET_KEY": "bench-only",
            "ALLOWED_HOSTS": "localhost",
            "QALAM_VAR_DIR": tmp,
            "QALAM_TASKS_BACKEND": args.tasks,
        }
        for posts in sorted({args.posts, *(int(n) for n in args.also.split(",") if n)}):
            export, uploads = Path(tmp) / f"export-{posts}.xml", Path(tmp) / f"uploads-{posts}"
            comments = write_export(export, uploads, posts, min(args.photos, posts))
            size = export.stat().st_size / 2**20
            fresh_database(url, env)
            runs = ["first import", "re-import"] if posts == args.posts else ["first import"]
            for run in runs:
                seconds, peak, output = qalam_measured(
                    "import_wordpress", str(export), "--uploads", str(uploads),
                    "--report", str(Path(tmp) / "report.txt"), env=env,
                )  # fmt: skip
                rows.append((posts, comments, size, run, seconds, peak))
                print(output)
                if "Immediate" not in args.tasks and posts == args.posts:
                    seconds, peak, _ = qalam_measured("worker", "--once", env=env)
                    rows.append(
                        (posts, comments, size, f"{run}: the worker's tasks", seconds, peak)
                    )
        drop_scratch_database(url, "qalam_bench_wxr")

    lines = [
        f"## {datetime.date.today()} · WordPress export · {database} · "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "",
        f"{args.photos} photos in each export; background tasks: `{args.tasks}` (search and",
        "reference index entries: the worker makes them after the import has committed).",
        "",
        "| posts | comments | file MB | run | seconds | posts/s | peak memory MB |",
        "|---:|---:|---:|---|---:|---:|---:|",
        *(
            f"| {posts} | {comments} | {size:.1f} | {run} | {seconds:.1f} | "
            f"{posts / seconds:.0f} | {peak:.0f} |"
            for posts, comments, size, run, seconds, peak in rows
        ),
        "",
    ]
    print("\n".join(lines))
    with (ROOT / "bench" / "results" / "wxr.md").open("a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
