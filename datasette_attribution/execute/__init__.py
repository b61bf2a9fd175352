"""Where scoring runs besides the loading process: forked workers here (local.py), or a Dask
cluster (cluster.py). Both map a function over items in order and know nothing of articles."""
