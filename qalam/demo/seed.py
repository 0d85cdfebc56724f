"""The seed article: the text of a real article page of a Kazakh daily (data/seed_article.txt),
read into the parts Qalam publishes. The page text shows the rubric, the headline, the lead,
the body with quotes set off by a dash, a «default» line where the theme put its placeholder
photo, and «Статьи по Теме» where the article ends."""

from pathlib import Path

from qalam.importers.html import paragraph

SEED_FILE = Path(__file__).parent / "data" / "seed_article.txt"
PHOTO_SLOT = "default"
END_OF_ARTICLE = "Статьи по Теме"
QUOTE_DASHES = ("– ", "— ")


def read_seed(path=SEED_FILE):
    """Returns rubric, title, lead and body blocks of the seed article."""
    chunks = path.read_text(encoding="utf-8").split("\n\n")
    rubric, title, lead = (chunk.strip() for chunk in chunks[:3])
    body = []
    for chunk in chunks[3:]:
        if chunk.strip() == END_OF_ARTICLE:
            break
        for line in chunk.splitlines():
            line = line.strip()
            if not line or line == PHOTO_SLOT:
                continue
            if line.startswith(QUOTE_DASHES):
                body.append(("quote", {"text": line, "attribution": ""}))
            else:
                body.append(paragraph(line))
    return rubric, title, " ".join(lead.split()), body
