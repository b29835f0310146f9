package io.quire.reading;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.PathParams;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

/** A reader's download of a series: the chapters they may read, as an EPUB to keep. */
public final class ReaderBookRoutes {
    /** How many published chapters the file leaves out because they are locked for the caller. */
    static final String LEFT_OUT = "Quire-Locked-Chapters-Left-Out";

    private final ReaderBook books;

    public ReaderBookRoutes(ReaderBook books) {
        this.books = books;
    }

    public void mount(Api api) {
        api.raw(
                Endpoint.get("/api/v1/series/{seriesId}/book.epub")
                        .id("downloadSeriesBook")
                        .tag("reading")
                        .summary("Download the series as an EPUB 3 of the published chapters you may read in full")
                        .description("Anonymous callers get the free chapters; a subscriber also what their tier"
                                + " opens, and chapters they bought. Locked chapters are left out whole, and the "
                                + LEFT_OUT + " header says how many. Images are embedded, embeds become links.")
                        .access(Access.anyone())
                        .okAs(200, "application/epub+zip", "The file (Content-Disposition: attachment)")
                        .problems(403, 404),
                ctx -> books.epub(Authz.principal(ctx), PathParams.uuid(ctx, "seriesId", "series.not_found"))
                        .onSuccess(file -> ctx.response()
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/epub+zip")
                                .putHeader("Content-Disposition", "attachment; filename=\"" + file.name() + "\"")
                                .putHeader(LEFT_OUT, Integer.toString(file.lockedChaptersLeftOut()))
                                // what it holds depends on who asks
                                .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
                                .end(Buffer.buffer(file.bytes())))
                        .onFailure(ctx::fail));
    }
}
