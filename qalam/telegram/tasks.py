"""Sending, editing and deleting posts, in the worker after the publication has committed.
A refusal is recorded for the editors and never raised: the story stays as published."""

import logging
import time

from django.db import transaction

from django_tasks import task

from .bot import Bot, BotError
from .config import bot_ready, channel_for
from .message import compose
from .models import Post

logger = logging.getLogger("qalam.telegram")

ATTEMPTS = 5
BACKOFF = 2  # seconds before the second attempt, doubling after each
LONGEST_WAIT = 300  # a longer retry_after is not waited for in a worker: recorded instead


def patiently(call, *args):
    """`call(*args)`, again after a 429's retry_after or, when Telegram is down or unreachable,
    after a growing pause."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return call(*args)
        except BotError as error:
            wait = error.retry_after if error.retry_after is not None else BACKOFF**attempt
            if not error.retryable or attempt == ATTEMPTS or wait > LONGEST_WAIT:
                raise
            logger.info("telegram: %s, trying again in %s s", error.description, wait)
            time.sleep(wait)


def mode(story):
    choice = story.telegram_choice.first()
    return choice.mode if choice else "post"


@task()
def keep_in_step(story_id, first=False):
    """Posts the story on its first publication, and edits its post after a later one."""
    from qalam.articles.models import StoryPage

    story = StoryPage.objects.filter(pk=story_id, live=True).select_related("locale").first()
    if story is None or not bot_ready():
        return
    language = story.locale.language_code
    channel = channel_for(story.get_site(), language)
    if channel is None:
        return
    with transaction.atomic():
        wanted = channel.enabled and mode(story) != "off"
        if first and wanted:
            Post.objects.get_or_create(story=story, chat=channel.chat)
        # Held through the call: a second worker waits, then finds the message sent.
        post = Post.objects.select_for_update().filter(story=story, chat=channel.chat).first()
        if post is None:
            return
        bot = Bot()
        try:
            if post.message_id is None and post.state != Post.State.DELETED:
                if wanted:
                    send(bot, post, compose(story, language, channel.photo), mode(story))
            elif post.state == Post.State.POSTED:
                edit(bot, post, compose(story, language, with_photo=post.photo_id is not None))
        except BotError as error:
            post.error = error.description
            if post.message_id is None:
                post.state = Post.State.FAILED
            logger.warning("telegram: %s in %s: %s", story_id, post.chat, error.description)
        post.save()


def send(bot, post, message, mode, silent=False):
    post.message_id = patiently(bot.send, post.chat, message, silent or mode == "silent")
    post.state, post.text, post.photo_id, post.error = (
        Post.State.POSTED,
        message.text,
        message.photo_id,
        "",
    )


def edit(bot, post, message):
    """The post made to say what the story says now; nothing is called when it already does."""
    chat, message_id = post.chat, post.message_id
    if post.photo_id is not None and message.photo is None:
        # A photo message never turns into text: the post is sent again, without a sound.
        patiently(bot.delete, chat, message_id)
        post.message_id = None
        return send(bot, post, message, "silent")
    try:
        if message.photo_id != post.photo_id:
            patiently(bot.edit_photo, chat, message_id, message)
        elif message.text != post.text:
            edit_words = bot.edit_caption if message.photo else bot.edit_text
            patiently(edit_words, chat, message_id, message)
    except BotError as error:
        # What we sent differs from what we send now only in markup Telegram reads the same.
        if "message is not modified" not in error.description:
            raise
    post.text, post.photo_id, post.error = message.text, message.photo_id, ""


@task()
def withdraw(story_id):
    """The story's posts deleted: it was unpublished."""
    with transaction.atomic():
        for post in Post.objects.select_for_update().filter(
            story_id=story_id, state=Post.State.POSTED
        ):
            try:
                patiently(Bot().delete, post.chat, post.message_id)
                post.state, post.error = Post.State.DELETED, ""
            except BotError as error:
                post.error = error.description
            post.save()


@task()
def delete_messages(messages):
    """Posts of a deleted story, given as (chat, message id) pairs: their rows went with it."""
    for chat, message_id in messages:
        try:
            patiently(Bot().delete, chat, message_id)
        except BotError as error:
            logger.warning("telegram: deleting %s/%s: %s", chat, message_id, error.description)
