"""The search documents, their facet values and the vocabulary (search/models.py).

The GIN indexes (the text search vector, and the trigrams of the vocabulary with the pg_trgm
extension, trusted: a database owner may create it) exist on PostgreSQL only; on SQLite the
migration state has them and the database does not.
"""

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import TrigramExtension
import django.contrib.postgres.search
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class AddPostgresIndex(migrations.AddIndex):
    """AddIndex whose database part runs on PostgreSQL only."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):

    dependencies = [
        ('discussion', '0003_comment_indexes'),
        ('search', '0007_remove_private_engine'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=20, verbose_name='type')),
                ('title', models.CharField(max_length=255, verbose_name='titre')),
                ('author', models.CharField(blank=True, max_length=100, verbose_name='auteur')),
                ('date', models.DateField(blank=True, null=True, verbose_name='date')),
                ('anchor', models.CharField(blank=True, max_length=20)),
                ('status', models.CharField(blank=True, max_length=20, verbose_name='statut')),
                ('organisms', models.TextField(blank=True, verbose_name='organismes')),
                ('text', models.TextField(blank=True)),
                ('title_folded', models.TextField(blank=True)),
                ('text_folded', models.TextField(blank=True)),
                ('vector', django.contrib.postgres.search.SearchVectorField(blank=True, null=True)),
                ('comment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='discussion.discussioncomment')),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
            ],
            options={
                'verbose_name': 'document de recherche',
                'verbose_name_plural': 'documents de recherche',
            },
        ),
        migrations.CreateModel(
            name='SearchFacet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('dimension', models.CharField(max_length=20)),
                ('value', models.CharField(max_length=255)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='facets', to='search.searchdocument')),
            ],
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=100, unique=True)),
                ('spelling', models.CharField(max_length=100)),
                ('document_count', models.PositiveIntegerField(default=0)),
            ],
        ),
        AddPostgresIndex(
            model_name='searchdocument',
            index=django.contrib.postgres.indexes.GinIndex(fields=['vector'], name='search_document_vector'),
        ),
        TrigramExtension(),
        AddPostgresIndex(
            model_name='searchterm',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass('word', name='gin_trgm_ops'), name='search_term_trigram'),
        ),
        migrations.AddConstraint(
            model_name='searchdocument',
            constraint=models.UniqueConstraint(condition=models.Q(('comment__isnull', True)), fields=('page',), name='search_one_document_per_page'),
        ),
        migrations.AddConstraint(
            model_name='searchdocument',
            constraint=models.UniqueConstraint(fields=('comment',), name='search_one_document_per_comment'),
        ),
        migrations.AddIndex(
            model_name='searchfacet',
            index=models.Index(fields=['dimension', 'value'], name='search_facet_value'),
        ),
        migrations.AddConstraint(
            model_name='searchfacet',
            constraint=models.UniqueConstraint(fields=('document', 'dimension', 'value'), name='search_facet_unique'),
        ),
    ]
