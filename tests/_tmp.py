import sys

sys.path.insert(0, ".")
from tests.apptest import open_page

for page, q in [
    ("limits", dict(f="x^x^x", a="1")),
    ("limits", dict(f="x^x^x^x")),
    ("derivatives", dict(f="x^x^x^x^x^x^x")),
    ("extrema", dict(f="oo")),
    ("limits", dict(f="oo")),
]:
    at = open_page(page, lang="en", **q)
    print(
        page, q, len(at.exception), [m.value[:100] for m in list(at.error) + list(at.warning)][:3]
    )
