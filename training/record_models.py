"""Record the SHA-256 of every file in datasette_attribution/models/ in its
SHA256SUMS, which every load checks before reading an article. The training
scripts do it after writing a model; run it after replacing a model file by hand.

    python training/record_models.py
"""

import argparse

from datasette_attribution.resources import record_model_files

if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    print(f"wrote {record_model_files()}")
