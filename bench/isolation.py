"""Isolation: one session's analysis running into the time limit must not slow another's slider.

Session A moves the derivatives page's h slider once every 0.5 s and times each rerun; first
alone, then while session B keeps submitting ``(x^3+x+1)^40 sin(x)^9`` on the extrema page,
whose analysis runs into the page's 2.5 s budget every time.

Run: .venv/bin/python -m bench.isolation [moves per phase, default 20]
"""

import asyncio
import statistics
import sys
import time

from bench.load import Session
from tests.e2e.conftest import Server

HOG = "(x^3+x+1)^40 sin(x)^9"
H = ["1", "0.5", "0.2", "0.1", "0.05", "0.01"]


async def moves(a: Session, count: int) -> list[float]:
    times = []
    for i in range(count):
        await asyncio.sleep(0.5)
        times.append(await a.rerun(H[i % len(H)]))
    return times


async def hog(b: Session, stop: asyncio.Event) -> list[float]:
    times = []
    while not stop.is_set():
        for text in (HOG, HOG + " + 1"):  # alternate, so the page's cache never answers
            times.append(await b.rerun(text, key="f"))
    return times


async def isolation(url: str, count: int) -> None:
    a = Session(url, "derivatives", "f=x%5E2&a=1&lang=en", "h")
    b = Session(url, "extrema", "lang=en", "f")
    await a.connect()
    await b.connect()
    alone = await moves(a, count)
    stop = asyncio.Event()
    hogging = asyncio.create_task(hog(b, stop))
    await asyncio.sleep(1.0)
    beside = await moves(a, count)
    stop.set()
    hog_times = await hogging
    base, loaded = statistics.median(alone), statistics.median(beside)
    print(f"{time.strftime('%Y-%m-%d')}: slider reruns of session A ({count} each)")
    print(
        f"| phase | median ms | max ms |\n| --- | ---: | ---: |\n"
        f"| alone | {base:.0f} | {max(alone):.0f} |\n"
        f"| while B's analyses hit the time limit | {loaded:.0f} | {max(beside):.0f} |"
    )
    print(
        f"ratio {loaded / base:.2f}; B's {len(hog_times)} submissions took "
        f"{statistics.median(hog_times) / 1000:.1f} s each (median), every one answered"
    )


def main(count: int = 20) -> None:
    app = Server()
    try:
        asyncio.run(isolation(app.url, count))
    finally:
        app.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
