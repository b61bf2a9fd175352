"""The fixtures the tests share; plain helpers and the seeds' paths are helpers.py's."""

import pytest

from helpers import INDEPENDENT_SEED, NEWS24_SEED, SEEDS, page_article


@pytest.fixture(scope="session")
def seeds_path(tmp_path_factory):
    """The seeds loaded once into news.db, for tests that only read it."""
    from datasette_attribution import store
    from datasette_attribution.pipeline import load

    path = tmp_path_factory.mktemp("seeds") / "news.db"
    load(store.open_database(path), [str(SEEDS)])
    return path


@pytest.fixture(scope="session")
def news24():
    return page_article(NEWS24_SEED)


@pytest.fixture(scope="session")
def independent():
    return page_article(INDEPENDENT_SEED)
