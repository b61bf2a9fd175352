"""load --cluster: scoring on a Dask cluster writes what --workers writes."""

import os
import sys
from pathlib import Path

import cloudpickle
import dask
import pytest
import sqlite_utils
from click.testing import CliRunner
from helpers import SEEDS
from distributed import Client, LocalCluster

from datasette_attribution.execute import cluster
from datasette_attribution.cli import cli

# The workers are new processes that cannot import this test module by name.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

TABLES = ("articles", "paragraphs", "sentences", "mentions", "actors", "quotes", "attributions",
          "stories")


def database_rows(path: Path) -> dict:
    db = sqlite_utils.Database(path)
    return {table: list(db.query(f"select * from [{table}] order by rowid")) for table in TABLES}


def test_a_local_cluster_writes_the_same_database_as_two_workers(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in sorted(SEEDS.iterdir()):
        (inputs / seed.name).write_text(seed.read_text("utf-8"), "utf-8")
    (inputs / "records.jsonl").write_text(
        '{"id": "council", "text": "The council said the bridge would reopen on Monday.", '
        '"outlet": "Gazette", "published": "2016-09-01"}\n{oops\n', "utf-8")
    (inputs / "empty.txt").write_text("")
    outputs = {}
    for name, options in {"workers": ["--workers", "2"],
                          "cluster": ["--cluster", "local", "--workers", "2"]}.items():
        result = CliRunner().invoke(cli, ["load", str(tmp_path / f"{name}.db"), str(inputs),
                                          "--no-progress", *options])
        assert result.exit_code == 1, result.output
        outputs[name] = result.output, database_rows(tmp_path / f"{name}.db")
    output, rows = outputs["cluster"]
    assert output == outputs["workers"][0]
    assert "3 articles added, 0 replaced, 0 skipped (already loaded), 2 failed; 44 sentences" in output
    assert f"  failed: {inputs / 'records.jsonl'}:2:" in output
    assert rows == outputs["workers"][1]
    assert [a["outlet"] for a in rows["articles"]] == ["News24", "The Independent", "Gazette"]
    assert len(rows["stories"]) == 1


def die_once_on_seven(item: int, folder: Path) -> int:
    """Kills the worker process the first time it meets 7: a machine lost mid-batch."""
    marker = folder / "died"
    if item == 7 and not marker.exists():
        marker.touch()
        os._exit(1)
    return item * 10


def die_on_seven(item: int, folder: Path) -> int:
    if item == 7:
        os._exit(1)
    return item * 10


@pytest.fixture
def client():
    # A task fails once two workers died running it.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as local, Client(local) as connected:
            yield connected


def test_a_batch_whose_worker_dies_runs_again_and_the_order_is_kept(client, tmp_path):
    results = list(cluster.mapped_in_order(client, die_once_on_seven, range(40), tmp_path,
                                           failed=lambda item, reason: ("failed", item), batch=4))
    assert (tmp_path / "died").exists()
    assert results == [i * 10 for i in range(40)]


def test_an_item_that_kills_every_worker_fails_alone(client, tmp_path):
    results = list(cluster.mapped_in_order(client, die_on_seven, range(12), tmp_path,
                                           failed=lambda item, reason: ("failed", item), batch=4))
    assert results == [0, 10, 20, 30, 40, 50, 60, ("failed", 7), 80, 90, 100, 110]


def test_an_unreachable_scheduler_is_an_error_before_anything_is_scored(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "a.db"), str(SEEDS), "--no-progress",
                                      "--cluster", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert sqlite_utils.Database(tmp_path / "a.db")["articles"].count == 0


def test_a_local_clusters_workers_keep_no_profile_of_what_they_ran():
    # Dask's profiler keeps a tree of sampled stacks for every second of the last
    # 1,000: a long load's workers grew with it.
    client, local = cluster.connect(cluster.LOCAL, 1)
    try:
        (callbacks,) = client.run(lambda dask_worker: sorted(dask_worker.periodic_callbacks)).values()
        assert "heartbeat" in callbacks
        assert "profile" not in callbacks and "profile-cycle" not in callbacks
    finally:
        client.close()
        local.close()
