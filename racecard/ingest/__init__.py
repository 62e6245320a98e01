"""Ingestion: sources in, documents (and what was read from them) into the store.

One module per source format, each with ``process_file`` / ``process_str`` returning a
:class:`~racecard.ingest.base.Result` (documents found, items skipped with reasons):
``text`` (``NNN.txt`` + ``NNN.meta.json``), ``html`` (trafilatura), ``feed`` (RSS/Atom),
``edgar`` (SEC filings), ``ctgov`` (ClinicalTrials.gov v2 JSON, read without NLP).
``sources`` picks the adapter, ``run.ingest`` and ``reread.reread`` drive the store,
``clean`` finds page furniture for the reader. Nothing heavy is imported here, so the
reading pipeline can import ``racecard.ingest.clean`` cheaply.
"""
