"""A killed kernel loses at most the edit in flight: SIGKILL a writer at random moments."""

import os
import random
import signal
import subprocess
import sys
import time

import workbook

WRITER = r"""
import sys
import workbook

wb = workbook.open(sys.argv[1])
i = int(sys.argv[2])
while True:
    business_id = wb.add_business(name=f"biz {i}", amount=i, frequency="per visit",
                                  visits_per_year=2)
    wb.update_business(business_id, notes=f"note {i}", years_as_customer=i % 40)
    wb.set_profile(city=f"city {i}")
    print(i, flush=True)  # the participant has now been told: saved
    i += 1
"""


def test_sigkill_at_random_moments_loses_nothing_that_was_saved(tmp_path):
    path = tmp_path / "killed.sqlite"
    workbook.open(path).close()
    rng = random.Random(20261124)
    confirmed: list[int] = []
    next_index = 0
    kills = 25
    for _ in range(kills):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(next_index)],
            stdout=subprocess.PIPE,
            text=True,
        )
        first = writer.stdout.readline()  # wait until it is really writing
        assert first.strip(), "the writer died before saving anything"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(writer.pid, signal.SIGKILL)
        rest, _ = writer.communicate()
        assert writer.returncode == -signal.SIGKILL
        lines = (first + rest).split("\n")
        done = [int(line) for line in lines[:-1]]  # the last piece has no newline yet
        confirmed += done
        next_index = (done[-1] if done else next_index) + 10

        with workbook.open(path) as wb:  # opens every time
            rows = wb.businesses().set_index("name")
            for i in done:
                assert f"biz {i}" in rows.index, f"saved edit {i} was lost"
                assert rows.loc[f"biz {i}", "notes"] == f"note {i}"
                assert rows.loc[f"biz {i}", "years_as_customer"] == i % 40
            last_city = int(wb.profile().city.split()[1])
            assert last_city >= done[-1]
            integrity = wb.store._con.execute("PRAGMA integrity_check").fetchone()[0]
            assert integrity == "ok"
    assert len(confirmed) > kills  # the writer really made many edits between kills
