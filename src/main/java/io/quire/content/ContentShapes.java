package io.quire.content;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Api;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Schema;

/** The shapes content and reading answers share: series, chapters, versions, taxonomy, the public reads. */
final class ContentShapes {
    private ContentShapes() {}

    static void declare(Api api) {
        api.component(
                "Series",
                object().optional("id", string())
                        .optional("siteId", nullable(string()))
                        .optional("authorId", string())
                        .optional("slug", string())
                        .optional("title", nullable(string()))
                        .optional("synopsis", nullable(string()))
                        .optional("contentType", string())
                        .optional("contentRating", string())
                        .optional(
                                "scheduledAction",
                                nullable(string().oneOf("publish", "unpublish", "complete", "hiatus", "resume")))
                        .optional("scheduledActionAt", nullable(string()))
                        .optional("status", string().oneOf("DRAFT", "ONGOING", "HIATUS", "COMPLETED", "CANCELLED"))
                        .optional("language", string())
                        .optional("defaultAccessLevel", string())
                        .optional("earlyAccessDays", integer())
                        .optional("previewParagraphs", nullable(integer()))
                        .optional("paywallMessage", nullable(string()))
                        .optional("coverMediaId", nullable(string()))
                        .optional("bannerMediaId", nullable(string()))
                        .optional("lastPublishedAt", nullable(string()))
                        .optional("completedAt", nullable(string()))
                        .optional("revision", integer())
                        .optional("createdAt", string())
                        .optional("updatedAt", string())
                        .optional("deletedAt", nullable(string())));
        api.component(
                "Chapter",
                object().optional("id", string())
                        .optional("seriesId", nullable(string()))
                        .optional("siteId", nullable(string()))
                        .optional("authorId", string())
                        .optional("slug", string())
                        .optional("chapterNumber", number())
                        .optional("volumeNumber", nullable(integer()))
                        .optional("order", integer())
                        .optional("title", nullable(string()))
                        .optional("wordCount", integer())
                        .optional("readingMinutes", integer())
                        .optional("status", string().oneOf("DRAFT", "SCHEDULED", "PUBLISHED", "ARCHIVED"))
                        .optional("scheduledAt", nullable(string()))
                        .optional("scheduleTimezone", nullable(string()))
                        .optional("publishedAt", nullable(string()))
                        .optional(
                                "accessLevel", string().oneOf("FREE", "SUBSCRIBERS", "SPECIFIC_TIER", "SCHEDULED_FREE"))
                        .optional("minimumTierId", nullable(string()))
                        .optional("scheduledFreeAt", nullable(string()))
                        .optional("previewParagraphs", nullable(integer()))
                        .optional("paywallMessage", nullable(string()))
                        .optional("authorNotePosition", string())
                        .optional("currentVersion", integer())
                        .optional("revision", integer())
                        .optional("createdAt", string())
                        .optional("updatedAt", string())
                        .optional("deletedAt", nullable(string())));
        api.component(
                "ChapterContent",
                object().optional("id", string())
                        .optional("title", nullable(string()))
                        .optional("content", nullable(string()))
                        .optional("contentHtml", nullable(string()))
                        .optional("authorNote", nullable(string()))
                        .optional("authorNoteHtml", nullable(string()))
                        .optional("authorNotePosition", string())
                        .optional("wordCount", integer())
                        .optional("readingMinutes", integer())
                        .optional("currentVersion", integer())
                        .optional("revision", integer()));
        api.component(
                "Autosave",
                object().optional("chapterId", nullable(string()))
                        .optional("title", nullable(string()))
                        .optional("content", nullable(string()))
                        .optional("authorNote", nullable(string()))
                        .optional("baseRevision", integer())
                        .optional("currentRevision", integer())
                        .optional("stale", Schema.bool())
                        .optional("savedAt", string()));
        api.component(
                "VersionSummary",
                object().optional("versionNumber", integer())
                        .optional("title", nullable(string()))
                        .optional("wordCount", integer())
                        .optional("changeNote", nullable(string()))
                        .optional("changedBy", object().optional("id", string()).optional("displayName", string()))
                        .optional(
                                "diffStats",
                                object().optional("wordsAdded", integer())
                                        .optional("wordsRemoved", integer())
                                        .optional("linesAdded", integer())
                                        .optional("linesRemoved", integer()))
                        .optional("createdAt", string()));
        api.component(
                "Version",
                Schema.allOf(
                        ref("VersionSummary"),
                        object().optional("content", nullable(string())).optional("authorNote", nullable(string()))));
        api.component(
                "Genre",
                object().optional("id", string())
                        .optional("slug", string())
                        .optional("name", string())
                        .optional("description", nullable(string()))
                        .optional("parentId", nullable(string()))
                        .optional("isFeatured", Schema.bool())
                        .optional("isPrimary", Schema.bool()));
        api.component(
                "Tag",
                object().optional("id", string())
                        .optional("slug", string())
                        .optional("name", string())
                        .optional("usageCount", integer())
                        .optional("isBlocked", Schema.bool()));
        api.component(
                "ContentWarning",
                object().optional("id", string())
                        .optional("slug", string())
                        .optional("name", string())
                        .optional("description", nullable(string()))
                        .optional("severity", string().oneOf("MILD", "MODERATE", "SEVERE")));
        api.component(
                "SeriesSettings",
                object().optional("contentType", string())
                        .optional("contentRating", string())
                        .optional("language", string())
                        .optional("extra", anyObject())
                        .optional("revision", integer()));
        api.component(
                "SeriesPaywall",
                object().optional("defaultAccessLevel", string())
                        .optional("earlyAccessDays", integer())
                        .optional("previewParagraphs", nullable(integer()))
                        .optional("paywallMessage", nullable(string()))
                        .optional("revision", integer()));
        api.component(
                "SeriesSchedule",
                object().optional("updateSchedule", nullable(string()))
                        .optional("updateDays", array(string()))
                        .optional("timezone", nullable(string()))
                        .optional("revision", integer()));
        // what a published series shows anyone, in full and as a list entry
        ObjectSchema published = object().optional("id", string())
                .optional("siteId", nullable(string()))
                .optional("slug", string())
                .optional("title", nullable(string()))
                .optional("synopsis", nullable(string()))
                .optional("contentType", string())
                .optional("contentRating", string())
                .optional("status", string())
                .optional("language", string())
                .optional("coverMediaId", nullable(string()))
                .optional("bannerMediaId", nullable(string()))
                .optional("lastPublishedAt", nullable(string()));
        api.component(
                "PublicSeries",
                object().with(published)
                        .optional("authorId", string())
                        .optional("earlyAccessDays", integer())
                        .optional("previewParagraphs", nullable(integer()))
                        .optional("completedAt", nullable(string()))
                        .optional("createdAt", string()));
        api.component("ListedSeries", object().with(published).optional("viewCount", integer()));
        api.component(
                "TocEntry",
                object().optional("id", string())
                        .optional("chapterNumber", number())
                        .optional("volumeNumber", nullable(integer()))
                        .optional("title", nullable(string()))
                        .optional("slug", string())
                        .optional("publishedAt", nullable(string()))
                        .optional("wordCount", integer())
                        .optional("readingMinutes", integer())
                        .optional("accessLevel", string())
                        .optional("locked", Schema.bool()));
        api.component(
                "ChapterInfo",
                object().optional("id", string())
                        .optional("seriesId", nullable(string()))
                        .optional("seriesTitle", string())
                        .optional("title", nullable(string()))
                        .optional("slug", string())
                        .optional("chapterNumber", number())
                        .optional("volumeNumber", nullable(integer()))
                        .optional("publishedAt", nullable(string()))
                        .optional("wordCount", integer())
                        .optional("readingMinutes", integer())
                        .optional("accessLevel", string())
                        .optional("locked", Schema.bool())
                        .optional(
                                "readerUrl",
                                string().format("uri")
                                        .description("The chapter's page for readers (canonical and og:url): on the"
                                                + " site's reader site, or this resource when it names none"))
                        .optional("previousId", nullable(string()))
                        .optional("nextId", nullable(string())));
        api.component(
                "ChapterRead",
                Schema.allOf(
                        ref("ChapterInfo"),
                        object().optional("contentHtml", nullable(string()))
                                .optional("authorNoteHtml", nullable(string()))
                                .optional("authorNotePosition", string())
                                .optional("previewHtml", string())
                                .optional(
                                        "pages",
                                        array(object().required("position", integer())
                                                        .required("mediaId", string())
                                                        .required("altText", nullable(string()))
                                                        .required("width", nullable(integer()))
                                                        .required("height", nullable(integer()))
                                                        .required("url", string())
                                                        .required("thumbUrl", string()))
                                                .description("Image pages (comics, webtoons): all of them when the"
                                                        + " caller may read the chapter, else its preview pages"))
                                .optional("paywallMessage", nullable(string()))
                                .optional(
                                        "requiredAccess",
                                        object().optional("level", string())
                                                .optional("minimumTierId", nullable(string()))
                                                .optional("freeAt", nullable(string())))));
        api.component(
                "Diff",
                object().optional("from", integer())
                        .optional("to", Schema.any())
                        .optional("titleChanged", Schema.bool())
                        .optional(
                                "stats",
                                object().optional("wordsAdded", integer())
                                        .optional("wordsRemoved", integer())
                                        .optional("linesAdded", integer())
                                        .optional("linesRemoved", integer()))
                        .optional("unifiedDiff", string()));
    }
}
