"""Attachments → images, read from the copied `wp-content/uploads` folder, and the index
a post's pictures are found by: `wp-image-N` classes, or their address under uploads (with
WordPress's size suffix, `-1024x683`, taken off)."""

import collections
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files.storage import default_storage

from PIL import Image, UnidentifiedImageError

from qalam.images.models import QalamImage
from qalam.importers.html import Media
from qalam.importers.photos import store_image

from .content import plain_text

PICTURES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
UPLOADS = "/wp-content/uploads/"
SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.\w+$)")
WP_IMAGE = re.compile(r"wp-image-(\d+)")
BATCH = 200


class Library:
    """The export's pictures. Pass 1 hands it every attachment (`add`); posts then find
    their pictures through `PostMedia`."""

    def __init__(self, uploads, keys, report, redirects):
        self.uploads = Path(uploads) if uploads else None
        self.keys, self.report, self.redirects = keys, report, redirects
        self.by_attachment = {}  # attachment ID → image ID
        self.by_path = {}  # path under uploads → image ID
        self.children = collections.defaultdict(list)  # post ID → its attachments, in order
        self.stored = []  # files stored by this import: deleted again if it is rolled back
        self.pending = []
        self.without_folder = 0

    def add(self, item):
        if item.parent:
            self.children[item.parent].append(item.id)
        self.pending.append(item)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self):
        items, self.pending = self.pending, []
        known = self.keys.find("attachment", [item.id for item in items])
        images = QalamImage.objects.in_bulk([image_id for image_id, _ in known.values()])
        remembered = []
        for item in items:
            relative = attached_path(item)
            image_id = known.get(item.id, (None,))[0]
            if image_id is not None:
                image = images.get(image_id)
                if image is None:
                    self.report.count("images", "skipped")
                    self.report.warn("images", item, "deleted in Qalam since the last import")
                    continue
                self.update(item, image)
            else:
                image = self.store(item, relative)
                if image is None:
                    continue
                remembered.append((item.id, image.pk, ""))
                self.redirects.add(item.attachment_url, link=image.file.url)
            self.by_attachment[item.id] = image.pk
            if relative:
                self.by_path[relative] = image.pk
        self.keys.remember("attachment", remembered)

    def store(self, item, relative):
        suffix = Path(relative).suffix.lower()
        if suffix not in PICTURES:
            self.report.count("images", "skipped")
            self.report.warn("images", item, f"not a picture ({suffix or 'no extension'})")
            return None
        if self.uploads is None:
            self.report.count("images", "skipped")
            self.without_folder += 1
            return None
        return self.store_file(
            relative,
            item.title or Path(relative).stem,
            item,
            caption=plain_text(item.excerpt),
            alt=plain_text(item.meta.get("_wp_attachment_image_alt", "")),
        )

    def store_file(self, relative, title, item, caption=None, alt=None):
        path = self.uploads / relative
        if not is_inside(path, self.uploads) or not path.is_file():
            self.report.count("images", "skipped")
            self.report.warn("images", item, f"file missing: {relative}")
            return None
        try:
            with Image.open(path) as picture:
                picture.verify()
        except (UnidentifiedImageError, OSError):
            self.report.count("images", "skipped")
            self.report.warn("images", item, f"not a picture Qalam can read: {relative}")
            return None
        image, created = store_image(path, plain_text(title), caption=caption, alt=alt)
        if created:
            self.stored.append(image.file.name)
        self.report.count("images", "created" if created else "unchanged")
        return image

    def update(self, item, image):
        caption = plain_text(item.excerpt)[:500]
        alt = plain_text(item.meta.get("_wp_attachment_image_alt", ""))[:255]
        if (image.caption, image.description) == (caption, alt):
            self.report.count("images", "unchanged")
            return
        image.caption, image.description = caption, alt
        image.save(update_fields=["caption", "description"])
        self.report.count("images", "updated")

    def finish(self):
        self.flush()
        if self.without_folder:
            self.report.warn(
                "images",
                None,
                f"{self.without_folder} attachments not imported: no --uploads folder given",
            )

    def find(self, src, item):
        """The image for a picture's address, storing a file under uploads that no attachment
        names; None when there is no such file."""
        relative = uploads_path(src)
        if not relative:
            return None
        original = SIZE_SUFFIX.sub("", relative)
        for candidate in (original, relative):
            if candidate in self.by_path:
                return self.by_path[candidate]
        if self.uploads is None:
            return None
        for candidate in (original, relative):
            path = self.uploads / candidate
            if is_inside(path, self.uploads) and path.is_file():
                image = self.store_file(candidate, Path(candidate).stem, item)
                if image is not None:
                    self.by_path[candidate] = image.pk
                    return image.pk
        return None

    def forget_stored_files(self):
        """The import was rolled back: its stored files go too."""
        for name in self.stored:
            default_storage.delete(name)


class PostMedia(Media):
    """A post's pictures and what its text held that Qalam has no block for."""

    def __init__(self, library, report, kind, item):
        self.library, self.report, self.kind, self.item = library, report, kind, item

    def image(self, img):
        """The image as a photo block stores it: an instance that carries only its ID."""
        image_id = None
        for css_class in img.get("class") or []:
            match = WP_IMAGE.fullmatch(css_class)
            if match and int(match.group(1)) in self.library.by_attachment:
                image_id = self.library.by_attachment[int(match.group(1))]
        src = img.get("src", "")
        image_id = image_id or self.library.find(src, self.item)
        if image_id is None:
            what = src or " ".join(img.get("class") or [])
            self.report.warn(self.kind, self.item, f"picture not imported: {what}")
            return None
        return QalamImage(pk=image_id)

    def left_out(self, what):
        self.report.warn(self.kind, self.item, what)


def attached_path(item):
    return item.meta.get("_wp_attached_file", "").lstrip("/") or uploads_path(item.attachment_url)


def uploads_path(url):
    """`http://site/wp-content/uploads/2025/11/a.jpg` → `2025/11/a.jpg`."""
    path = unquote(urlsplit(url).path)
    return path.split(UPLOADS, 1)[1] if UPLOADS in path else ""


def is_inside(path, folder):
    return path.resolve().is_relative_to(folder.resolve())
