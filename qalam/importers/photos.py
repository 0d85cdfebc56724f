"""Photos from outside (an import's files): each stored once, found again by its content."""

from django.core.files.images import ImageFile

from wagtail.utils.file import hash_filelike

from qalam.images.models import QalamImage


def save_image(path, title, caption="", credit="", alt=""):
    """Stores a photo file once: a file with the same content reuses the stored image and
    takes the new caption, credit and alt text."""
    return store_image(path, title, caption, credit, alt)[0]


def store_image(path, title, caption=None, credit=None, alt=None):
    """`save_image`, saying whether the file was stored anew: (image, created). A caption,
    credit or alt text left at None keeps what a stored image has."""
    with path.open("rb") as f:
        file_hash = hash_filelike(f)
        image = QalamImage.objects.filter(file_hash=file_hash).first()
        created = image is None
        if created:
            f.seek(0)
            image = QalamImage(title=title[:255], file_hash=file_hash)
            image.file = ImageFile(f, name=path.name)
            image.file_size = path.stat().st_size
        if caption is not None:
            image.caption = caption[:500]
        if credit is not None:
            image.credit = credit[:255]
        image.description = (alt or "")[:255] or image.description
        if created or caption is not None or credit is not None or alt:
            image.save()
    return image, created
