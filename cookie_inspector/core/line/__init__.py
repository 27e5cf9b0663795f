"""The line: the live pipeline, the inspection log, good samples, the model library, the data folder."""
