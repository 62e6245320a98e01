"""The store's tables, in SQLAlchemy Core.

    documents ─┬─ document_bands   MinHash bands, to find near-duplicates
               ├─ document_copies  other copies of a stored document (same or near-same text)
               ├─ sections         items and exhibits of a filing, as spans of the text
               ├─ mentions ──────► entities ◄── aliases (each with where it was learned)
               └─ events ─┬─ roles ──► entities      (drug, licensor, territory …)
                          ├─ evidence                 (document, span, quote, extractor)
                          └─ reviews                  (confirm / correct / reject, by whom, when)
    entities ── merges (recorded, undoable) · entity_links (drug → target, originator …)

An event is one fact as one document reports it; ``events.key`` (a hash over the type,
status and grounded arguments) is the same for the same fact in other documents, so
views group sources of one fact by key. ``events.day`` is the first day of the event's
date and ``events.published`` the document's, so every view can be asked "as of" a date.
Migrations in ``racecard/store/migrations`` create exactly these tables; a test
compares the two.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "aliases",
    "document_bands",
    "document_copies",
    "documents",
    "entities",
    "entity_links",
    "events",
    "evidence",
    "mentions",
    "merges",
    "metadata",
    "reviews",
    "roles",
    "sections",
]

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("hash", String(64), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("origin", Text),
    Column("url", Text),
    Column("title", Text),
    Column("source", Text),
    Column("published", Date),
    Column("fetched", DateTime(timezone=True)),
    Column("stored", DateTime(timezone=True), nullable=False),
    Column("text", Text, nullable=False),
    Column("cluster", String(64), nullable=False),
    Column("signature", LargeBinary),
    Column("extractor", Text),
    Column("read_at", DateTime(timezone=True)),
)
Index("ix_documents_published", documents.c.published)
Index("ix_documents_cluster", documents.c.cluster)
Index("ix_documents_url", documents.c.url)

document_bands = Table(
    "document_bands",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("band", Integer, primary_key=True),
    Column("bucket", BigInteger, nullable=False),
)
Index("ix_document_bands_bucket", document_bands.c.bucket, document_bands.c.band)

document_copies = Table(
    "document_copies",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("origin", Text),
    Column("url", Text),
    Column("similarity", Float, nullable=False),
    Column("seen", DateTime(timezone=True), nullable=False),
    UniqueConstraint("hash", "document_id"),
)
Index("ix_document_copies_document_id", document_copies.c.document_id)

sections = Table(
    "sections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)
Index("ix_sections_document_id", sections.c.document_id)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("attributes", JSON, nullable=False),
    Column("merged_into", Integer, ForeignKey("entities.id")),
    Column("created", DateTime(timezone=True), nullable=False),
    UniqueConstraint("kind", "name"),
)

aliases = Table(
    "aliases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("alias", Text, nullable=False),
    Column("norm", Text, nullable=False),
    Column("document_id", String(64), ForeignKey("documents.id")),
    Column("start", Integer),
    Column("end", Integer),
    Column("how", Text, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    UniqueConstraint("entity_id", "norm"),
)
Index("ix_aliases_norm", aliases.c.kind, aliases.c.norm)

merges = Table(
    "merges",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("target_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("reason", Text, nullable=False),
    Column("document_id", String(64), ForeignKey("documents.id")),
    Column("by", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("undone_at", DateTime(timezone=True)),
    Column("undone_by", Text),
)

entity_links = Table(
    "entity_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("relation", String(32), nullable=False),
    Column("other_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("document_id", String(64), ForeignKey("documents.id")),
    UniqueConstraint("entity_id", "relation", "other_id"),
)
Index("ix_entity_links_other_id", entity_links.c.other_id)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("how", Text, nullable=False),
    Column("score", Float, nullable=False),
)
Index("ix_mentions_document_id", mentions.c.document_id)
Index("ix_mentions_entity_id", mentions.c.entity_id)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("key", String(64), nullable=False),
    Column("type", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("date", Text),
    Column("day", Date),
    Column("published", Date),
    Column("fields", JSON, nullable=False),
    Column("extractor", Text, nullable=False),
    Column("origin", String(16), nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    UniqueConstraint("document_id", "key"),
)
Index("ix_events_key", events.c.key)
Index("ix_events_type", events.c.type)
Index("ix_events_day", events.c.day)

roles = Table(
    "roles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("role", Text, nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id")),
    Column("value", Text, nullable=False),
)
Index("ix_roles_event_id", roles.c.event_id)
Index("ix_roles_entity_id", roles.c.entity_id, roles.c.role, roles.c.event_id)  # covers "events naming X as R"

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("extractor", Text, nullable=False),
    Column("primary", Boolean, nullable=False),
)
Index("ix_evidence_event_id", evidence.c.event_id)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("action", String(16), nullable=False),
    Column("fields", JSON),
    Column("note", Text),
    Column("by", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
Index("ix_reviews_event_id", reviews.c.event_id)
