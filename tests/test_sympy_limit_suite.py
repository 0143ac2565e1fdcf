"""``limit_at`` against SymPy's own limit tests: 400+ known answers in ``sympy_limit_cases``.

Each case runs through ``run_bounded`` with a 3 s limit; it passes when the limit asked for
(``dir`` "+" → ``side="right"``, "-" → "left", "+-" → "both"; at ±oo the side toward it) equals
SymPy's expected answer (±oo exactly, numbers to :data:`VALUE_RTOL` relative at 50 digits, else
``simplify(got - expected) == 0``), or when the verdict is "undefined" and f is not real on that
side: at every one of a ± 10⁻ᵏ, k = 4, 6, 8, 10 (x = ±(10ᵏ + ⅓), k = 1, 2, 3 at ±oo) mpmath gives
a non-real value or none, for f or for a part of f (the course is real: √ and ln of a negative
number are undefined, even where an |·| would make the complex value real again). An exception,
a timeout or a wrong value fails; "uncertain" fails too, except for the few cases listed in
``NUMBERS_CANNOT_CHECK`` with the reason the numbers cannot confirm SymPy there, and cases that
used limit_at's whole time budget (SymPy is slow there; on a loaded machine a few more run out of
time) — at most :data:`MOST_OUT_OF_TIME` of those.

``python -m scripts.limit_suite_report`` runs the same cases and prints a summary table.
"""

from __future__ import annotations

import contextlib
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import mpmath
import pytest
import sympy as sp

from mathcore import ComputationLimit, ComputationTimeout, limit_at, run_bounded
from mathcore.limits import LIMIT_SECONDS, SYMPY_SECONDS
from tests.sympy_limit_cases import CASES, SYMPY_XFAIL

X = sp.Symbol("x", real=True)
SIDES = {"+": "right", "-": "left", "+-": "both"}
TIMEOUT_S = 3.0
VALUE_RTOL = 1e-12
NEAR_EXPONENTS = (4, 6, 8, 10)  # a ± 10^-k
FAR_EXPONENTS = (1, 2, 3)  # ±(10^k + 1/3): not an integer, so (-1/4)**x is not real there

Row = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Outcome:
    """How one case went: ``kind`` is agree, undefined-not-real (both pass), disagree, uncertain,
    crash, timeout or other (ComputationTooLarge/Busy)."""

    kind: str
    detail: str
    seconds: float

    @property
    def passed(self) -> bool:
        return self.kind in ("agree", "undefined-not-real")


def parse(text: str) -> sp.Expr:
    """SymPy's parser on the trusted case text, with ``x`` the real variable."""
    return sp.parse_expr(text, local_dict={"x": X})


def run_cases(rows, timeout_s=TIMEOUT_S, jobs=2, progress=None) -> dict[Row, Outcome]:
    """Run ``limit_at`` on every row (``jobs`` at a time), then judge each in this thread."""
    run_bounded(int, 0, timeout_s=60)  # start the workers: not charged to the first case
    raw = {}
    with ThreadPoolExecutor(jobs) as pool:
        futures = {row: pool.submit(_call, row, timeout_s) for row in rows}
        for done, (row, future) in enumerate(futures.items(), 1):
            raw[row] = future.result()
            if progress:
                progress(done, len(rows))
    return {row: judge(row, *raw[row]) for row in rows}


def _call(row: Row, timeout_s: float):
    expr, point, direction, _, _ = row
    start = time.monotonic()
    try:
        result = run_bounded(
            limit_at, parse(expr), X, parse(point), SIDES[direction], timeout_s=timeout_s
        )
    except Exception as exc:  # judged below: every exception is a failed case
        result = exc
    return result, time.monotonic() - start


def judge(row: Row, result, seconds: float) -> Outcome:
    """Compare one ``limit_at`` result (or the exception it raised) with the expected answer."""
    expr, point, direction, expected, _ = row
    if isinstance(result, ComputationTimeout):
        return Outcome("timeout", str(result), seconds)
    if isinstance(result, ComputationLimit):
        return Outcome("other", f"{type(result).__name__}: {result}", seconds)
    if isinstance(result, Exception):
        message = str(result).splitlines()[0][:200] if str(result) else ""
        return Outcome("crash", f"{type(result).__name__}: {message}", seconds)
    got = f"{result.verdict} (value {result.value}, left {result.left}, right {result.right})"
    if result.verdict != "uncertain" and same_value(result.value, parse(expected)):
        return Outcome("agree", got, seconds)
    if result.verdict == "undefined" and not_real_near(parse(expr), parse(point), direction):
        return Outcome("undefined-not-real", got, seconds)
    return Outcome("uncertain" if result.verdict == "uncertain" else "disagree", got, seconds)


def same_value(got: sp.Expr | None, expected: sp.Expr) -> bool:
    """``got == expected``: ±oo exactly, numbers to :data:`VALUE_RTOL` or by ``simplify``."""
    if got is None:
        return False
    if got.is_infinite or expected.is_infinite:
        return got == expected
    with contextlib.suppress(TypeError, ValueError):
        difference = complex(sp.N(got - expected, 50))
        if abs(difference) <= VALUE_RTOL * max(1.0, abs(complex(sp.N(expected, 50)))):
            return True
    try:
        with _alarm(10):
            return sp.simplify(got - expected) == 0
    except (TimeoutError, *_SYMPY_ERRORS):
        return False


_SYMPY_ERRORS = (NotImplementedError, ValueError, TypeError, AttributeError)


def not_real_near(expr: sp.Expr, point: sp.Expr, direction: str) -> bool:
    """Is f, or a part of f containing x, non-real (or undefined) at every sample on the side
    approached? For "+-": on one of the two sides. mpmath at 40 digits; imaginary parts above
    1e-20·|value| count."""
    if point is sp.oo:
        sides = [[mpmath.mpf(10) ** k + mpmath.mpf(1) / 3 for k in FAR_EXPONENTS]]
    elif point is -sp.oo:
        sides = [[-(mpmath.mpf(10) ** k) - mpmath.mpf(1) / 3 for k in FAR_EXPONENTS]]
    else:
        signs = {"+": (1,), "-": (-1,), "+-": (1, -1)}[direction]
        with mpmath.workdps(40):
            a = mpmath.mpf(sp.N(point, 45))
            sides = [[a + s * mpmath.mpf(10) ** -k for k in NEAR_EXPONENTS] for s in signs]
    # f itself, or a part of it: this app's course is real, so √ or ln of a negative number is
    # undefined even where |·| or a product would turn the complex value real again
    parts = [p for p in sp.preorder_traversal(expr) if X in getattr(p, "free_symbols", ())]
    for part in parts:
        try:
            f = sp.lambdify(X, part, modules="mpmath")
        except Exception:  # a function mpmath lacks: cannot show that it is not real
            continue
        if any(all(_not_real(f, t) for t in xs) for xs in sides):
            return True
    return False


def _not_real(f, t) -> bool:
    with mpmath.workdps(40):
        try:
            with _alarm(5):
                value = mpmath.mpmathify(f(t))
        except TimeoutError:
            return False  # too slow to tell
        except (ValueError, ZeroDivisionError, TypeError):
            return True
        real, imag = mpmath.re(value), mpmath.im(value)
        return mpmath.isnan(real) or abs(imag) > 1e-20 * abs(value)


@contextlib.contextmanager
def _alarm(seconds: int):
    """Raise ``TimeoutError`` after ``seconds`` (main thread only; elsewhere no limit)."""
    try:
        previous = signal.signal(signal.SIGALRM, _expire)
    except ValueError:  # not the main thread
        yield
        return
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _expire(signum, frame):
    raise TimeoutError


def _param(row: Row):
    origin = row[4]
    case_id = origin.replace("test_", "").replace(".py:", "-").replace("[", "-").rstrip("]")
    marks = (
        [pytest.mark.xfail(reason="SymPy's own test marks this case XFAIL", strict=False)]
        if origin in SYMPY_XFAIL
        else []
    )
    return pytest.param(row, id=case_id, marks=marks)


@pytest.fixture(scope="module")
def outcomes(request) -> dict[Row, Outcome]:
    """All selected cases, run once for the module."""
    rows = [
        item.callspec.params["row"]
        for item in request.session.items
        if getattr(item, "module", None) is request.module
        and "row" in getattr(getattr(item, "callspec", None), "params", {})
    ]
    return run_cases(rows, jobs=1)  # one at a time: each case's time budget is its own


def test_cases_were_extracted():
    assert len(CASES) > 400
    assert len({row[4] for row in CASES}) == len(CASES)  # origins are unique ids


# Cases where limit_at says "uncertain" rather than SymPy's (right) answer, and why: the probes
# reach x ≈ 10⁸ with at most 1000 extra digits, and SymPy gets at most 1.2 s a method within a
# 2.2 s budget. Saying "not sure" here is allowed; a wrong answer never is. Any other case that
# turns uncertain fails.
NUMBERS_CANNOT_CHECK = {
    "test_limits.py:572": "Stirling's ratio: SymPy takes longer than the budget",
    "test_limits.py:684": "Bessel functions: SymPy takes longer than the budget",
    "test_limits.py:754": "16^x/(x·C(2x,x)²) → π like 1/x: needs x beyond 10³ digits",
    "test_limits.py:1440": "(…)^x → 1 from both powers: cancellation past 1000 digits",
    "test_gruntz.py:61": "tends to 0 only for x beyond e^(e^10): no reachable x shows it",
    "test_gruntz.py:91": "log log log: the values drift toward e far too slowly to confirm",
    "test_gruntz.py:121": "Γ(x + 1/Γ(x)) − Γ(x): agrees when SymPy finishes in its share (load)",
    "test_gruntz.py:130": "Stirling's series difference: SymPy takes longer than the budget",
    "test_gruntz.py:132": "triple polygamma: the values settle only far beyond 10⁸",
    "test_gruntz.py:139": "SymPy's own XFAIL: e^(Γ(x)) differences beyond any precision",
    "test_gruntz.py:149": "SymPy's own XFAIL: ζ differences beyond the precision budget",
}


# of 428, beyond the 11 named cases: slow ones that ran out of their CPU share. On the 2-core
# development machine alone: 0; with a browser session beside it: up to 6; in a fresh-clone CI run
# on a loaded machine: 10 (21 uncertain in all). A cap on these alone keeps the named list honest
# and still fails if the engine as a whole gets slower.
MOST_OUT_OF_TIME = 20


def out_of_time(outcome: Outcome) -> bool:
    """The case used (nearly) all of limit_at's budget, or SymPy's share of it: SymPy did not
    finish (gruntz 117 and 120 need ~1.3 s of SymPy, just past its 1.2 s share: on the same
    machine and commit they agreed in one run and were uncertain at 1.30 s in the next)."""
    return outcome.seconds >= 0.9 * min(LIMIT_SECONDS, SYMPY_SECONDS)


def test_few_cases_are_uncertain_and_none_is_wrong(outcomes):
    kinds = [o.kind for o in outcomes.values()]
    assert kinds.count("disagree") == kinds.count("crash") == kinds.count("timeout") == 0
    slow = [
        f"{row[4]} [{o.seconds:.2f} s]"
        for row, o in outcomes.items()
        if o.kind == "uncertain" and row[4] not in NUMBERS_CANNOT_CHECK and out_of_time(o)
    ]
    assert len(slow) <= MOST_OUT_OF_TIME, slow


@pytest.mark.parametrize("row", [_param(row) for row in CASES])
def test_limit_at_matches_sympy_test_suite(row, outcomes):
    outcome = outcomes[row]
    expr, point, direction, expected, origin = row
    if outcome.kind == "uncertain" and (origin in NUMBERS_CANNOT_CHECK or out_of_time(outcome)):
        return  # not sure, and says so: see NUMBERS_CANNOT_CHECK, or it used its whole budget
    assert outcome.passed, (
        f"{origin}: limit of {expr} at {point} ({SIDES[direction]}) should be {expected}; "
        f"{outcome.kind}: {outcome.detail} [{outcome.seconds:.2f} s]"
    )
