from mission_site.feeds import FEED_LENGTH, SectionFeed
from questions.models import QuestionPage


class QuestionFeed(SectionFeed):
    """The questions put to the public, the most recently published first."""

    description = "Les questions posées au public par la mission culture-acte 2."

    def items(self):
        questions = QuestionPage.objects.live().public().descendant_of(self.index)
        return questions.order_by("-first_published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, question):
        return question.title

    def item_description(self, question):
        if question.closes_on:
            closing = f"Réponses jusqu’au {question.closes_on:%d/%m/%Y}."
        else:
            closing = "Question ouverte sans date de clôture."
        return f"{question.introduction}\n{closing}"

    def item_categories(self, question):
        return [question.get_theme_display()]
