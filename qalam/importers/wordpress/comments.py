"""WordPress comments → Qalam comments with the same status. Threads keep the depth Qalam
shows, one level: a reply to a reply hangs under its top-level comment. The commenter's
address is kept only as the keyed hash Qalam keeps of its own commenters."""

from django.utils import translation
from django.utils.translation import gettext

from qalam.comments.models import Comment, Status
from qalam.comments.senders import client_of, hash_of

from .content import plain_text

STATUSES = {
    "1": Status.APPROVED,
    "approve": Status.APPROVED,
    "0": Status.PENDING,
    "hold": Status.PENDING,
    "spam": Status.SPAM,
    "trash": Status.REJECTED,
    "post-trashed": Status.REJECTED,
}
FIELDS = ["author_name", "email", "url", "text", "status", "created_at", "ip_hash", "parent"]
COMPARED = [*FIELDS[:-1], "parent_id"]
NAME_LENGTH = Comment._meta.get_field("author_name").max_length
URL_LENGTH = Comment._meta.get_field("url").max_length


class CommentWriter:
    def __init__(self, keys, report, clock, language):
        self.keys, self.report, self.clock = keys, report, clock
        with translation.override(language):
            self.anonymous = gettext("Anonymous")

    def write(self, posts):
        """Writes the comments of (item, article ID) pairs."""
        threads = []
        for item, article_id in posts:
            comments = []
            for comment in item.comments:
                if comment.type in ("", "comment"):
                    comments.append(comment)
                else:
                    self.report.count("comments", "skipped")
            if comments:
                threads.append((item, article_id, comments))
        ids = [comment.id for _, _, comments in threads for comment in comments]
        if not ids:
            return
        known = self.keys.find("comment", ids)
        existing = Comment.objects.in_bulk([object_id for object_id, _ in known.values()])
        made = {}  # WordPress ID → Comment
        replies, new = [], []
        for item, article_id, comments in threads:
            parents = {comment.id: comment.parent for comment in comments}
            for comment in comments:
                record = existing.get(known.get(comment.id, (None,))[0])
                if comment.id in known and record is None:
                    self.report.count("comments", "skipped")
                    self.report.warn("comments", item, f"comment {comment.id} was deleted in Qalam")
                    continue
                fresh = self.comment(comment, article_id)
                root = top_of(comment.id, parents)
                (replies if root != comment.id else new).append((comment, root, fresh, record))
        # Top-level comments first: replies need their IDs.
        self.save(new, made)
        for entry in replies:
            entry[2].parent = made.get(entry[1])
        self.save(replies, made)

    def save(self, entries, made):
        created, changed = [], []
        for comment, _, fresh, record in entries:
            if record is None:
                created.append((comment, fresh))
                made[comment.id] = fresh
                continue
            made[comment.id] = record
            if any(getattr(record, field) != getattr(fresh, field) for field in COMPARED):
                for field in COMPARED:
                    setattr(record, field, getattr(fresh, field))
                changed.append(record)
            else:
                self.report.count("comments", "unchanged")
        Comment.objects.bulk_create([fresh for _, fresh in created])
        Comment.objects.bulk_update(changed, FIELDS)
        self.keys.remember("comment", [(comment.id, fresh.pk, "") for comment, fresh in created])
        self.report.count("comments", "created", len(created))
        self.report.count("comments", "updated", len(changed))

    def comment(self, comment, article_id):
        url = comment.url if comment.url.startswith(("http://", "https://")) else ""
        return Comment(
            article_id=article_id,
            author_name=plain_text(comment.author)[:NAME_LENGTH] or self.anonymous,
            email=comment.email.casefold()[:254],
            url=url if len(url) <= URL_LENGTH else "",
            text=plain_text(comment.content),
            status=STATUSES.get(comment.approved, Status.PENDING),
            created_at=self.clock(comment.date_gmt, comment.date),
            ip_hash=hash_of(client_of(comment.ip)),
        )


def top_of(comment_id, parents):
    """The top-level comment a comment's thread starts from (itself when it has no parent
    in the export)."""
    seen = {comment_id}
    while parents.get(comment_id) in parents and parents[comment_id] not in seen:
        comment_id = parents[comment_id]
        seen.add(comment_id)
    return comment_id
