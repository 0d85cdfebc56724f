"""Hunspell dictionaries for the Kazakh analyser: Debian's libhunspell through ctypes, or
spylls where the library is missing.

Both give the same stems (the test sets check it); they differ in cost. spylls, pure Python,
holds the Kazakh dictionary as Python objects, many times libhunspell's memory and loading
time in every web worker (docs/search.md). The PyPI bindings of libhunspell build
from source against its headers, which a bare machine running `make run` lacks; ctypes needs
only the shared library, which Debian's `libhunspell-1.7-0` installs (docs/search.md)."""

import ctypes
import ctypes.util
import threading
from pathlib import Path

LIBRARY_NAMES = ("hunspell-1.7", "hunspell")


class Libhunspell:
    """A dictionary in libhunspell. One handle per process; calls are serialised, since
    ctypes lets other threads run while Hunspell works and its handle is not thread-safe."""

    def __init__(self, library, path):
        self.lib = library
        self.lock = threading.Lock()
        create = library.Hunspell_create
        create.restype = ctypes.c_void_p
        create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        library.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        self.list_type = ctypes.POINTER(ctypes.POINTER(ctypes.c_char_p))
        library.Hunspell_stem.argtypes = [ctypes.c_void_p, self.list_type, ctypes.c_char_p]
        library.Hunspell_free_list.argtypes = [ctypes.c_void_p, self.list_type, ctypes.c_int]
        aff, dic = (str(path.with_suffix(suffix)).encode() for suffix in (".aff", ".dic"))
        self.handle = create(aff, dic)

    def knows(self, word):
        with self.lock:
            return bool(self.lib.Hunspell_spell(self.handle, word.encode()))

    def stems(self, word):
        found = ctypes.POINTER(ctypes.c_char_p)()
        with self.lock:
            count = self.lib.Hunspell_stem(self.handle, ctypes.byref(found), word.encode())
            stems = {found[n].decode() for n in range(count)}
            self.lib.Hunspell_free_list(self.handle, ctypes.byref(found), count)
        return stems


class Spylls:
    def __init__(self, path):
        from spylls.hunspell import Dictionary

        self.dictionary = Dictionary.from_files(str(path))

    def knows(self, word):
        return bool(self.dictionary.lookup(word))

    def stems(self, word):
        return {form.stem for form in self.dictionary.lookuper.good_forms(word) if form.stem}


def load(path: Path):
    """The dictionary at `path` (without suffix), read by the cheapest reader at hand."""
    for name in LIBRARY_NAMES:
        found = ctypes.util.find_library(name)
        if found:
            return Libhunspell(ctypes.CDLL(found), path)
    return Spylls(path)
