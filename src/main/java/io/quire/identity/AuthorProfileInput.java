package io.quire.identity;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Author profile fields from a POST or PATCH; {@code …Set} flags tell "sent as null" from "not sent". */
record AuthorProfileInput(
        boolean penNameSet,
        String penName,
        boolean taglineSet,
        String tagline,
        boolean fullBioSet,
        String fullBio,
        boolean websiteUrlSet,
        String websiteUrl,
        JsonObject socialLinks,
        List<String> genres,
        Boolean acceptingCommissions,
        Boolean allowDirectMessages) {}
