"""Where scoring runs: on a Dask cluster (cluster.py); the local worker pool is pipeline.py's."""
