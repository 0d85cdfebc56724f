"""Computing and storing related lists: run by the tasks (tasks.py) and `qalam rebuild_related`,
never by the web process."""

import logging

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Length, Substr
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

from qalam.articles.models import ArticleTag, StoryPage
from qalam.core import purge

from . import embedding, scoring, text
from .models import ArticleProfile, RelatedArticle, RelatedExclusion, RelatedPin

logger = logging.getLogger("qalam.related")

# Rows kept an article: the six the page shows and six to fall back on while one of them is
# unpublished and its replacement not yet computed.
STORED = 12
# Candidates: the articles nearest in time on either side, and the newest sharing a tag
# (docs/related.md: measured at 10,000 and 100,000 articles).
NEAREST = 1000
TAGGED = 200


def refresh(article_ids, neighbours=True):
    """Profiles and lists of these articles anew; with `neighbours`, each also enters (or
    leaves) the lists of the other articles it now belongs in. Changed pages leave the page
    cache."""
    article_ids = set(article_ids)
    profiles = [profile for profile in update_profiles(article_ids) if profile.is_live]
    changed = set()
    for profile in profiles:
        candidates = candidates_of(profile)
        found = scoring.scores(profile, candidates)
        if store(profile, candidates, found):
            changed.add(profile.pk)
        if neighbours:
            changed |= enter_lists(profile, candidates, found, skip=article_ids)
    for article_id in changed:
        purge.purge_page(article_id)
    return changed


def relist(profile):
    """The list of one article computed again, its own profile as it is."""
    return store(profile, candidates := candidates_of(profile), scoring.scores(profile, candidates))


def relist_ids(article_ids):
    changed = set()
    for profile in profiles_of(published_profiles().filter(article_id__in=article_ids)):
        if relist(profile):
            changed.add(profile.pk)
    for article_id in changed:
        purge.purge_page(article_id)
    return changed


def update_profiles(article_ids):
    """The profiles of these articles, made or brought up to date; the model reads only the
    texts that changed since it last did."""
    tags = ArticleTag.objects.select_related("tag")
    articles = list(
        StoryPage.objects.filter(pk__in=article_ids)
        .select_related("locale")
        .prefetch_related(Prefetch("tagged_items", queryset=tags, to_attr="profile_tags"))
    )
    rubric_keys = dict(
        Page.objects.filter(path__in={a.rubric_path for a in articles}).values_list(
            "path", "translation_key"
        )
    )
    existing = ArticleProfile.objects.in_bulk([a.pk for a in articles])
    model_ready = embedding.available()
    profiles, to_embed = [], []
    for article in articles:
        profile = existing.get(article.pk) or ArticleProfile(article_id=article.pk)
        fill(profile, article, rubric_keys.get(article.rubric_path))
        if not model_ready:
            profile.vector, profile.model = None, ""
        elif profile.model != embedding.MODEL_NAME or profile.text_hash != profile.new_hash:
            to_embed.append(profile)
        profile.text_hash = profile.new_hash
        profile.is_live = article.live
        profiles.append(profile)
    if to_embed:
        vectors = embedding.embed([profile.embedded_text for profile in to_embed])
        for profile, vector in zip(to_embed, vectors, strict=True):
            profile.vector, profile.model = embedding.to_bytes(vector), embedding.MODEL_NAME
            profile.__dict__.pop("embedding", None)
    with transaction.atomic():
        for profile in profiles:
            profile.save()
    return profiles


def fill(profile, article, rubric_key):
    body = " ".join(StoryPage._meta.get_field("body").get_searchable_content(article.body))
    tag_names = [item.tag.name for item in article.profile_tags]
    language = article.locale.language_code
    profile.published_at = article.first_published_at or timezone.now()
    profile.language = language
    profile.translation_key = article.translation_key
    profile.rubric_key = rubric_key
    profile.tags = sorted(item.tag_id for item in article.profile_tags)
    profile.terms = text.terms(article.title, article.lead, body, language)
    profile.names = text.names(article.title, article.lead, body, tag_names, language)
    profile.embedded_text = text.embedded_text(article.title, article.lead, body)
    profile.new_hash = text.text_hash(profile.embedded_text)


def published_profiles():
    """Profiles of live articles outside any private section (as `published()` pages)."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("article__path"), 1, Length("page__path"))
    )
    return ArticleProfile.objects.filter(article__live=True).exclude(Exists(restricted))


def profiles_of(queryset):
    profiles = list(queryset)
    for profile in profiles:
        profile.is_live = True
    return profiles


def candidates_of(profile):
    """Published articles that may be related: the nearest in time and the newest sharing a
    tag; never the article itself or its translations."""
    pool = published_profiles().exclude(translation_key=profile.translation_key)
    moment = profile.published_at
    found = {}
    for queryset in (
        pool.filter(published_at__lte=moment).order_by("-published_at")[:NEAREST],
        pool.filter(published_at__gt=moment).order_by("published_at")[:NEAREST],
        pool.filter(article__tagged_items__tag_id__in=profile.tags).order_by("-published_at")[
            :TAGGED
        ]
        if profile.tags
        else [],
    ):
        for candidate in queryset:
            found.setdefault(candidate.pk, candidate)
    return list(found.values())


def store(profile, candidates, found):
    """Writes the article's list: its pins in the editors' order, then the best scored
    articles, one version of each story (in the article's language where there is one).
    Returns whether the list changed."""
    pins = list(
        RelatedPin.objects.filter(page_id=profile.pk)
        .exclude(article_id=profile.pk)
        .order_by("sort_order")
        .values_list("article_id", flat=True)
    )
    excluded = set(
        RelatedExclusion.objects.filter(page_id=profile.pk).values_list("article_id", flat=True)
    )
    score_of = {c.pk: float(s) for c, s in zip(candidates, found, strict=True)}
    rows = [(article_id, score_of.get(article_id, 0.0), True) for article_id in dict.fromkeys(pins)]
    stories = {}
    for candidate in candidates:
        score = score_of[candidate.pk]
        if score < scoring.MIN_SCORE or candidate.pk in excluded or candidate.pk in pins:
            continue
        best = stories.get(candidate.translation_key)
        if best is None or preferred(candidate, score, best, profile.language):
            stories[candidate.translation_key] = (candidate, score)
    best_first = sorted(stories.values(), key=lambda pair: (-pair[1], pair[0].pk))
    rows += [(c.pk, score, False) for c, score in best_first[:STORED]]
    previous = list(
        RelatedArticle.objects.filter(article_id=profile.pk)
        .order_by("rank")
        .values_list("related_id", "score", "pinned")
    )
    if [(r[0], round(r[1], 4), r[2]) for r in previous] == [
        (r[0], round(r[1], 4), r[2]) for r in rows
    ]:
        return False
    with transaction.atomic():
        RelatedArticle.objects.filter(article_id=profile.pk).delete()
        RelatedArticle.objects.bulk_create(
            RelatedArticle(article_id=profile.pk, related_id=pk, rank=n, score=score, pinned=pin)
            for n, (pk, score, pin) in enumerate(rows)
        )
    return [r[0] for r in previous] != [r[0] for r in rows]


def preferred(candidate, score, best, language):
    """Of two versions of one story, the one in the reader's language, else the closer."""
    other, other_score = best
    mine, theirs = candidate.language == language, other.language == language
    return mine > theirs or (mine == theirs and score > other_score)


def enter_lists(profile, candidates, found, skip=()):
    """This article put into (or taken out of) the lists of the candidates it now belongs in,
    with its new score: one read and one write for all of them, not a new list each. An
    article it leaves is one line short until its own next refresh (twelve are stored)."""
    score_of = {c.pk: float(s) for c, s in zip(candidates, found, strict=True)}
    language_of = {c.pk: c.language for c in candidates}
    fits = {pk for pk, score in score_of.items() if score >= scoring.MIN_SCORE} - set(skip)
    listing = set(
        RelatedArticle.objects.filter(related_id=profile.pk).values_list("article_id", flat=True)
    ) - set(skip)
    lists = {}
    for line in RelatedArticle.objects.filter(article_id__in=fits | listing).values_list(
        "article_id", "related_id", "score", "pinned", "related__translation_key",
        "related__locale__language_code",
    ):  # fmt: skip
        lists.setdefault(line[0], []).append(line[1:])
    excluded = set(
        RelatedExclusion.objects.filter(page_id__in=fits, article_id=profile.pk).values_list(
            "page_id", flat=True
        )
    )
    me = (profile.pk, 0.0, False, profile.translation_key, profile.language)
    new_lists = {}
    for article_id in fits | listing:
        lines = lists.get(article_id, [])
        pinned = [line for line in lines if line[2]]
        computed = [line for line in lines if not line[2] and line[0] != profile.pk]
        if (
            article_id in fits
            and article_id not in excluded
            and all(line[0] != profile.pk for line in pinned)
        ):
            entry = (profile.pk, score_of[article_id], *me[2:])
            same_story = [line for line in computed if line[3] == profile.translation_key]
            reader = language_of.get(article_id)
            if not same_story:
                computed.append(entry)
            elif profile.language == reader and same_story[0][4] != reader:
                computed = [line for line in computed if line is not same_story[0]] + [entry]
        computed = sorted(computed, key=lambda line: -line[1])[:STORED]
        if [line[:2] for line in pinned + computed] != [line[:2] for line in lines]:
            new_lists[article_id] = pinned + computed
    if new_lists:
        with transaction.atomic():
            RelatedArticle.objects.filter(article_id__in=new_lists).delete()
            RelatedArticle.objects.bulk_create(
                RelatedArticle(article_id=owner, related_id=line[0], rank=n, score=line[1],
                               pinned=line[2])
                for owner, lines in new_lists.items()
                for n, line in enumerate(lines)
            )  # fmt: skip
    return set(new_lists)
