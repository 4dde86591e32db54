"""The table of the former per-page published comment counts.

This migration used to install triggers on the comment tables to keep the table up to date;
comments are now counted by discussion/counts.py alone. It no longer creates them, and 0003 drops
them (where an earlier version of this migration created them) with the table.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('stats', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
        ('discussion', '0003_comment_indexes'),
        ('django_comments', '0004_add_object_pk_is_removed_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='PublishedCommentCount',
            fields=[
                ('page', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to=settings.WAGTAIL_PAGE_MODEL, verbose_name='page')),
                ('comments', models.IntegerField(default=0, verbose_name='commentaires publiés')),
            ],
            options={
                'verbose_name': 'commentaires publiés d’une page',
                'verbose_name_plural': 'commentaires publiés des pages',
            },
        ),
    ]
