"""Hostile text through parse_expression in a fresh process: no code runs, every answer is quick."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    "__import__('os').system('touch CANARY')",
    '__import__("os").system("touch CANARY")',
    "x.__class__.__mro__",
    "().__class__.__bases__[0].__subclasses__()",
    "open('CANARY','w')",
    'eval("1")',
    "exec('open(1)')",
    "lambda: 1",
    "[c for c in ()]",
    "x[0]",
    "x.subs(x, 2)",
    "Symbol('y')",
    "Symbol",
    "Integer(2)",
    "'abc'",
    "9^9^9^9",
    "factorial(10^10)",
    "1e999999",
    "1" * 200000,
    "(" * 20000 + ")" * 20000,
    "x+" * 50000 + "x",
    "",
    "sin(",
    "floor(e^(10^5))",
    "(2pi)^(10^6)",
    "2^13000*2^13000",
]
PROBE = """
import json, sys, time
from mathcore import InputError, parse_expression
out = []
for text in json.load(sys.stdin):
    start = time.perf_counter()
    try:
        expr = parse_expression(text)
        answer = {"expr": str(expr), "symbols": sorted(map(str, expr.free_symbols))}
    except InputError as err:
        answer = {"code": err.code}
    answer["seconds"] = time.perf_counter() - start
    out.append(answer)
print(json.dumps(out))
"""


def test_hostile_inputs_run_no_code_and_answer_quickly(tmp_path):
    canary = tmp_path / "CANARY"
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        input=json.dumps(HOSTILE),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT)},
        timeout=120,
        check=True,
    )
    answers = json.loads(result.stdout)
    assert len(answers) == len(HOSTILE)
    assert not canary.exists()
    for text, answer in zip(HOSTILE, answers, strict=True):
        assert answer["seconds"] < 2.5, (text[:40], answer)
        assert "code" in answer or set(answer["symbols"]) <= {"x"}, (text[:40], answer)
    codes = {text[:30]: answer.get("code") for text, answer in zip(HOSTILE, answers, strict=True)}
    assert codes["9^9^9^9"] == "too_large"
    assert codes["1e999999"] == "too_large"
    assert codes["factorial(10^10)"] == "too_large"
    assert codes["x.__class__.__mro__"] == "not_allowed"
