"""Running: files → stored records, one document through every stage, in a batch over worker processes or a Dask cluster."""
