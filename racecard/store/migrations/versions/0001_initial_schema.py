"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("fetched", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stored", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("cluster", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=True),
        sa.Column("extractor", sa.Text(), nullable=True),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("hash", name=op.f("uq_documents_hash")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_cluster", ["cluster"], unique=False)
        batch_op.create_index("ix_documents_published", ["published"], unique=False)
        batch_op.create_index("ix_documents_url", ["url"], unique=False)

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["merged_into"], ["entities.id"], name=op.f("fk_entities_merged_into_entities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
        sa.UniqueConstraint("kind", "name", name=op.f("uq_entities_kind")),
    )
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("norm", sa.Text(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("how", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_aliases_document_id_documents")),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_aliases_entity_id_entities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aliases")),
        sa.UniqueConstraint("entity_id", "norm", name=op.f("uq_aliases_entity_id")),
    )
    with op.batch_alter_table("aliases", schema=None) as batch_op:
        batch_op.create_index("ix_aliases_norm", ["kind", "norm"], unique=False)

    op.create_table(
        "document_bands",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_document_bands_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("document_id", "band", name=op.f("pk_document_bands")),
    )
    with op.batch_alter_table("document_bands", schema=None) as batch_op:
        batch_op.create_index("ix_document_bands_bucket", ["bucket", "band"], unique=False)

    op.create_table(
        "document_copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("seen", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_document_copies_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_copies")),
        sa.UniqueConstraint("hash", "document_id", name=op.f("uq_document_copies_hash")),
    )
    with op.batch_alter_table("document_copies", schema=None) as batch_op:
        batch_op.create_index("ix_document_copies_document_id", ["document_id"], unique=False)

    op.create_table(
        "entity_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(length=32), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_entity_links_document_id_documents")),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_entity_links_entity_id_entities")),
        sa.ForeignKeyConstraint(["other_id"], ["entities.id"], name=op.f("fk_entity_links_other_id_entities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_links")),
        sa.UniqueConstraint("entity_id", "relation", "other_id", name=op.f("uq_entity_links_entity_id")),
    )
    with op.batch_alter_table("entity_links", schema=None) as batch_op:
        batch_op.create_index("ix_entity_links_other_id", ["other_id"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("date", sa.Text(), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("extractor", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_events_document_id_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("document_id", "key", name=op.f("uq_events_document_id")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_day", ["day"], unique=False)
        batch_op.create_index("ix_events_key", ["key"], unique=False)
        batch_op.create_index("ix_events_type", ["type"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("how", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_mentions_document_id_documents")),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_mentions_entity_id_entities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index("ix_mentions_document_id", ["document_id"], unique=False)
        batch_op.create_index("ix_mentions_entity_id", ["entity_id"], unique=False)

    op.create_table(
        "merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=True),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_merges_document_id_documents")),
        sa.ForeignKeyConstraint(["source_id"], ["entities.id"], name=op.f("fk_merges_source_id_entities")),
        sa.ForeignKeyConstraint(["target_id"], ["entities.id"], name=op.f("fk_merges_target_id_entities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merges")),
    )
    op.create_table(
        "sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_sections_document_id_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sections")),
    )
    with op.batch_alter_table("sections", schema=None) as batch_op:
        batch_op.create_index("ix_sections_document_id", ["document_id"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("extractor", sa.Text(), nullable=False),
        sa.Column("primary", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_evidence_document_id_documents")),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_evidence_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index("ix_evidence_event_id", ["event_id"], unique=False)

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_reviews_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index("ix_reviews_event_id", ["event_id"], unique=False)

    op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_roles_entity_id_entities")),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_roles_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roles")),
    )
    with op.batch_alter_table("roles", schema=None) as batch_op:
        batch_op.create_index("ix_roles_entity_id", ["entity_id", "role", "event_id"], unique=False)
        batch_op.create_index("ix_roles_event_id", ["event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("roles", schema=None) as batch_op:
        batch_op.drop_index("ix_roles_event_id")
        batch_op.drop_index("ix_roles_entity_id")

    op.drop_table("roles")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_reviews_event_id")

    op.drop_table("reviews")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index("ix_evidence_event_id")

    op.drop_table("evidence")
    with op.batch_alter_table("sections", schema=None) as batch_op:
        batch_op.drop_index("ix_sections_document_id")

    op.drop_table("sections")
    op.drop_table("merges")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_mentions_entity_id")
        batch_op.drop_index("ix_mentions_document_id")

    op.drop_table("mentions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_type")
        batch_op.drop_index("ix_events_key")
        batch_op.drop_index("ix_events_day")

    op.drop_table("events")
    with op.batch_alter_table("entity_links", schema=None) as batch_op:
        batch_op.drop_index("ix_entity_links_other_id")

    op.drop_table("entity_links")
    with op.batch_alter_table("document_copies", schema=None) as batch_op:
        batch_op.drop_index("ix_document_copies_document_id")

    op.drop_table("document_copies")
    with op.batch_alter_table("document_bands", schema=None) as batch_op:
        batch_op.drop_index("ix_document_bands_bucket")

    op.drop_table("document_bands")
    with op.batch_alter_table("aliases", schema=None) as batch_op:
        batch_op.drop_index("ix_aliases_norm")

    op.drop_table("aliases")
    op.drop_table("entities")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_url")
        batch_op.drop_index("ix_documents_published")
        batch_op.drop_index("ix_documents_cluster")

    op.drop_table("documents")
