"""Speed-ups keep every score: the sample in tests/data/score_reference/ is scored the same."""

import numpy as np
import pandas as pd
import pytest

from score_reference import KEYS, read_reference, reference_tables


@pytest.fixture(scope="module")
def fresh():
    return reference_tables()


@pytest.mark.parametrize("name", list(KEYS))
def test_scores_equal_the_reference(fresh, name):
    now = fresh[name]
    stored = read_reference(name, now)
    assert len(now) == len(stored) > 0
    for column in now:
        if now[column].dtype.kind == "f":
            np.testing.assert_allclose(now[column], stored[column], rtol=0, atol=1e-12,
                                       err_msg=f"{name}.{column}")  # fmt: skip
        else:
            pd.testing.assert_series_equal(now[column], stored[column], obj=f"{name}.{column}")
