from wagtail.models import Site

import pytest

from qalam.core.factories import EditionSettingsFactory
from qalam.core.models import SiteSettings
from qalam.images.factories import photo


@pytest.fixture
def placeholder(db):
    """The site's placeholder photo, shown in every photo slot without a photo."""
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.placeholder_image = photo(title="Нет фото")
    settings.save()
    EditionSettingsFactory(placeholder_alt="Qalam: нет фото")
    return settings.placeholder_image
